package org.opencirt.incident.internal.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.identity.CurrentUser;
import org.opencirt.incident.Observable;
import org.opencirt.incident.Report;
import org.opencirt.incident.ReportChannel;
import org.opencirt.incident.ReportService;
import org.opencirt.incident.ReportState;
import org.opencirt.incident.TriageDecision;
import org.opencirt.incident.internal.IncidentPermissions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reports over HTTP: machines submit (idempotent per caller and reference), staff work the triage queue.
 */
@RestController
@RequestMapping("/api/v1/reports")
public class ReportApiController {

    private final ReportService reports;
    private final JsonMapper json;

    public ReportApiController(ReportService reports, JsonMapper json) {
        this.reports = reports;
        this.json = json;
    }

    /**
     * A report as a machine sends it. {@code sourceRef} is the caller's own identifier: sending the same one again
     * returns the first report (200) instead of making a second one (201).
     */
    public record Submission(String sourceRef, String reporterName, String reporterEmail, String subject, String body,
            Instant occurredAt, String affectedSystems, List<Observable.Input> observables) {
    }

    @PostMapping
    @PreAuthorize(IncidentPermissions.REPORT)
    public ResponseEntity<Report> submit(@RequestBody Submission submission) {
        CurrentUser user = CurrentUser.get().orElseThrow();
        new org.opencirt.common.Validation().requireText(submission.subject(), "subject", 500)
                .requireText(submission.body(), "body", 1_000_000).throwIfInvalid();
        byte[] raw = json.writeValueAsString(submission).getBytes(StandardCharsets.UTF_8);
        Report.Receipt receipt = reports.submit(new Report.Submission(ReportChannel.API, "api:" + user.username(),
                submission.sourceRef(), submission.reporterName() == null ? user.displayName()
                        : submission.reporterName(), submission.reporterEmail(), submission.subject(),
                submission.body(), submission.occurredAt(), submission.affectedSystems(), raw, null,
                submission.observables(), List.of()));
        return ResponseEntity.status(receipt.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(receipt.report());
    }

    @GetMapping
    @PreAuthorize(IncidentPermissions.READ)
    public PageResult<Report> search(@RequestParam(required = false) ReportState state,
            @RequestParam(required = false) ReportChannel channel, @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return reports.search(state, channel, q, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @PreAuthorize(IncidentPermissions.READ)
    public Report get(@PathVariable long id) {
        return reports.get(id);
    }

    @PostMapping("/triage")
    @PreAuthorize(IncidentPermissions.WORK)
    public ReportService.TriageResult triage(@RequestBody TriageDecision decision) {
        return reports.triage(decision);
    }
}
