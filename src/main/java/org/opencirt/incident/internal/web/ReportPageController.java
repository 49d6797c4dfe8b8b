package org.opencirt.incident.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencirt.common.ConflictException;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.Rsit;
import org.opencirt.common.web.FormBinding;
import org.opencirt.common.web.Pager;
import org.opencirt.incident.Attachment;
import org.opencirt.incident.Incident;
import org.opencirt.incident.Report;
import org.opencirt.incident.ReportChannel;
import org.opencirt.incident.ReportService;
import org.opencirt.incident.ReportState;
import org.opencirt.incident.Severity;
import org.opencirt.incident.TriageDecision;
import org.opencirt.incident.internal.AttachmentDownload;
import org.opencirt.incident.internal.IncidentPermissions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reports queue: what arrived and waits for triage, one report in full (body, attachments, why it could not be
 * read), and the triage itself: accept the checked reports into one new incident, attach them to an existing
 * incident, or reject them with a reason.
 */
@Controller
@RequestMapping("/reports")
public class ReportPageController {

    private final ReportService reports;

    public ReportPageController(ReportService reports) {
        this.reports = reports;
    }

    /**
     * What the triage form sends: the checked reports, the action (the button pressed) and its fields; {@code from}
     * says whether it was sent from one report's page, to go back there when something is wrong.
     */
    record TriageForm(List<Long> reportIds, TriageDecision.Action action, String title, String classificationType,
            Severity severity, Long incidentId, String reason, Long from) {

        static final TriageForm BLANK = new TriageForm(List.of(), null, null, null, null, null, null, null);

        public boolean checked(long reportId) {
            return reportIds != null && reportIds.contains(reportId);
        }

        TriageDecision decision() {
            Incident.Input incident = new Incident.Input(title, null, classificationType, severity, null, null, null,
                    null, null, null, null, null, null);
            return new TriageDecision(reportIds == null ? List.of() : reportIds, action, incidentId, reason,
                    incident);
        }
    }

    /** The queue: new reports by default; {@code state=} (empty) shows every report. */
    @GetMapping
    @PreAuthorize(IncidentPermissions.STAFF)
    public String queue(@RequestParam(required = false) String state,
            @RequestParam(required = false) ReportChannel channel, @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
        ReportState shown = state == null ? ReportState.NEW : parseState(state);
        PageResult<Report> results = reports.search(shown, channel, q, PageRequest.of(page, null));
        model.addAttribute("state", state == null ? ReportState.NEW.name() : state);
        model.addAttribute("channel", channel);
        model.addAttribute("q", q);
        model.addAttribute("states", ReportState.values());
        model.addAttribute("channels", ReportChannel.values());
        model.addAttribute("results", results);
        model.addAttribute("pager", Pager.of(results, request));
        triageChoices(model);
        return WebPages.view(request, "incident/reports", "results");
    }

    @GetMapping("/{id}")
    @PreAuthorize(IncidentPermissions.STAFF)
    public String report(@PathVariable long id, Model model) {
        model.addAttribute("report", reports.get(id));
        triageChoices(model);
        return "incident/report";
    }

    @GetMapping("/{id}/attachments/{attachmentId}")
    @PreAuthorize(IncidentPermissions.STAFF)
    public void download(@PathVariable long id, @PathVariable long attachmentId, HttpServletResponse response)
            throws IOException {
        Attachment attachment = reports.get(id).attachments().stream().filter(a -> a.id() == attachmentId)
                .findFirst().orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
        AttachmentDownload.send(response, attachment.fileName(), reports.openAttachment(id, attachmentId));
    }

    /** Applies the pressed action to the checked reports; an accepted or attached report leads to its incident. */
    @PostMapping("/triage")
    @PreAuthorize(IncidentPermissions.WORK)
    public String triage(@ModelAttribute TriageForm form, BindingResult binding, RedirectAttributes redirect) {
        TriageForm given = form == null ? TriageForm.BLANK : form;
        String back = given.from() == null ? "redirect:/reports" : "redirect:/reports/" + given.from();
        try {
            FormBinding.requireBound(binding);
            ReportService.TriageResult result = reports.triage(given.decision());
            if (result.incident() == null) {
                redirect.addFlashAttribute("notice", "report.triage.rejected");
                return "redirect:/reports";
            }
            redirect.addFlashAttribute("notice", given.action() == TriageDecision.Action.ACCEPT
                    ? "report.triage.accepted" : "report.triage.attached");
            return "redirect:/incidents/" + result.incident().id();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.byField());
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("errors", Map.of(
                    given.action() == TriageDecision.Action.ATTACH ? "incidentId" : "reportIds", e.getMessage()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        redirect.addFlashAttribute("triage", given);
        return back;
    }

    private static void triageChoices(Model model) {
        if (!model.containsAttribute("triage")) {
            model.addAttribute("triage", TriageForm.BLANK);
        }
        model.addAttribute("rsitClasses", Rsit.classes());
        model.addAttribute("severities", Severity.values());
    }

    private static ReportState parseState(String state) {
        if (state.isBlank()) {
            return null;
        }
        try {
            return ReportState.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("state", "must be one of " + List.of(ReportState.values()));
        }
    }
}
