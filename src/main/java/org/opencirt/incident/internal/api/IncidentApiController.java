package org.opencirt.incident.internal.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.incident.Attachment;
import org.opencirt.incident.Correlation;
import org.opencirt.incident.Incident;
import org.opencirt.incident.IncidentLink;
import org.opencirt.incident.IncidentNote;
import org.opencirt.incident.IncidentQuery;
import org.opencirt.incident.IncidentService;
import org.opencirt.incident.IncidentState;
import org.opencirt.incident.IncidentTask;
import org.opencirt.incident.Observable;
import org.opencirt.incident.Report;
import org.opencirt.incident.Severity;
import org.opencirt.incident.StateChange;
import org.opencirt.incident.internal.AttachmentDownload;
import org.opencirt.incident.internal.IncidentCsv;
import org.opencirt.incident.internal.IncidentPermissions;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Incidents over HTTP: list with filters and full-text search, the incident and everything that hangs off it. */
@RestController
@RequestMapping("/api/v1/incidents")
public class IncidentApiController {

    private final IncidentService incidents;

    public IncidentApiController(IncidentService incidents) {
        this.incidents = incidents;
    }

    /** Filters of the list, as query parameters. */
    public record Filters(String q, Set<IncidentState> state, Set<Severity> severity, String classification,
            Long sectorId, Long organisationId, Long teamId, Long assigneeId, String tlp, Instant createdFrom,
            Instant createdTo, Boolean overdue, String sort) {

        IncidentQuery query() {
            return new IncidentQuery(q, state, severity, classification, sectorId, organisationId, teamId, assigneeId,
                    tlp, createdFrom, createdTo, overdue, sort);
        }
    }

    @GetMapping
    @PreAuthorize(IncidentPermissions.READ)
    public PageResult<Incident> search(Filters filters, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return incidents.search(filters.query(), PageRequest.of(page, size));
    }

    /** The filtered list as CSV (up to 100,000 rows, newest first unless sorted otherwise). */
    @GetMapping("/export")
    @PreAuthorize(IncidentPermissions.READ)
    public void export(Filters filters, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"incidents.csv\"");
        IncidentCsv.write(incidents, filters.query(), response.getOutputStream());
    }

    @GetMapping("/my-tasks")
    @PreAuthorize(IncidentPermissions.READ)
    public List<IncidentTask> myTasks() {
        return incidents.myTasks();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(IncidentPermissions.WORK)
    public Incident open(@RequestBody Incident.Input input) {
        return incidents.open(input);
    }

    @GetMapping("/{id}")
    @PreAuthorize(IncidentPermissions.READ)
    public Incident get(@PathVariable long id) {
        return incidents.get(id);
    }

    @PatchMapping("/{id}")
    @PreAuthorize(IncidentPermissions.WORK)
    public Incident update(@PathVariable long id, @RequestBody Incident.Input input) {
        return incidents.update(id, input);
    }

    /** Body of a state change. */
    public record Transition(IncidentState state, String reason) {
    }

    @PostMapping("/{id}/transitions")
    @PreAuthorize(IncidentPermissions.WORK)
    public Incident transition(@PathVariable long id, @RequestBody Transition transition) {
        return incidents.transition(id, transition.state(), transition.reason());
    }

    @GetMapping("/{id}/transitions")
    @PreAuthorize(IncidentPermissions.READ)
    public List<StateChange> stateChanges(@PathVariable long id) {
        return incidents.stateChanges(id);
    }

    /** Body of a hand-off to another team. */
    public record HandOff(Long teamId, String reason) {
    }

    @PostMapping("/{id}/hand-off")
    @PreAuthorize(IncidentPermissions.WORK)
    public Incident handOff(@PathVariable long id, @RequestBody HandOff handOff) {
        if (handOff.teamId() == null) {
            throw new org.opencirt.common.InvalidInputException("teamId", "name the team to hand the incident to");
        }
        return incidents.handOff(id, handOff.teamId(), handOff.reason());
    }

    /** Body of a merge. */
    public record Merge(Long intoId) {
    }

    @PostMapping("/{id}/merge")
    @PreAuthorize(IncidentPermissions.WORK)
    public Incident merge(@PathVariable long id, @RequestBody Merge merge) {
        if (merge.intoId() == null) {
            throw new org.opencirt.common.InvalidInputException("intoId", "name the incident to merge into");
        }
        return incidents.merge(id, merge.intoId());
    }

    @GetMapping("/{id}/proposed-organisations")
    @PreAuthorize(IncidentPermissions.WORK)
    public List<Incident.AffectedOrganisation> proposedOrganisations(@PathVariable long id) {
        return incidents.proposedOrganisations(id);
    }

    @GetMapping("/{id}/observables")
    @PreAuthorize(IncidentPermissions.READ)
    public List<Observable> observables(@PathVariable long id) {
        return incidents.observables(id);
    }

    @PostMapping("/{id}/observables")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(IncidentPermissions.WORK)
    public Observable addObservable(@PathVariable long id, @RequestBody Observable.Input input) {
        return incidents.addObservable(id, input);
    }

    @PatchMapping("/{id}/observables/{observableId}")
    @PreAuthorize(IncidentPermissions.WORK)
    public Observable updateObservable(@PathVariable long id, @PathVariable long observableId,
            @RequestBody Observable.Input input) {
        return incidents.updateObservable(id, observableId, input);
    }

    @DeleteMapping("/{id}/observables/{observableId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(IncidentPermissions.WORK)
    public void removeObservable(@PathVariable long id, @PathVariable long observableId) {
        incidents.removeObservable(id, observableId);
    }

    @GetMapping("/{id}/correlations")
    @PreAuthorize(IncidentPermissions.READ)
    public List<Correlation> correlations(@PathVariable long id) {
        return incidents.correlations(id);
    }

    @GetMapping("/{id}/tasks")
    @PreAuthorize(IncidentPermissions.READ)
    public List<IncidentTask> tasks(@PathVariable long id) {
        return incidents.tasks(id);
    }

    @PostMapping("/{id}/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(IncidentPermissions.WORK)
    public IncidentTask addTask(@PathVariable long id, @RequestBody IncidentTask.Input input) {
        return incidents.addTask(id, input);
    }

    @PatchMapping("/{id}/tasks/{taskId}")
    @PreAuthorize(IncidentPermissions.WORK)
    public IncidentTask updateTask(@PathVariable long id, @PathVariable long taskId,
            @RequestBody IncidentTask.Input input) {
        return incidents.updateTask(id, taskId, input);
    }

    @GetMapping("/{id}/comments")
    @PreAuthorize(IncidentPermissions.READ)
    public List<IncidentNote> comments(@PathVariable long id) {
        return incidents.comments(id);
    }

    @PostMapping("/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(IncidentPermissions.COMMENT)
    public IncidentNote comment(@PathVariable long id, @RequestBody IncidentNote.Input input) {
        return incidents.comment(id, input);
    }

    @GetMapping("/{id}/timeline")
    @PreAuthorize(IncidentPermissions.READ)
    public List<IncidentNote> timeline(@PathVariable long id) {
        return incidents.timeline(id);
    }

    @PostMapping("/{id}/timeline")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(IncidentPermissions.WORK)
    public IncidentNote addTimelineEntry(@PathVariable long id, @RequestBody IncidentNote.Input input) {
        return incidents.addTimelineEntry(id, input);
    }

    @GetMapping("/{id}/links")
    @PreAuthorize(IncidentPermissions.READ)
    public List<IncidentLink> links(@PathVariable long id) {
        return incidents.links(id);
    }

    @PostMapping("/{id}/links")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(IncidentPermissions.WORK)
    public IncidentLink link(@PathVariable long id, @RequestBody IncidentLink.Input input) {
        return incidents.link(id, input);
    }

    @DeleteMapping("/{id}/links/{linkId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(IncidentPermissions.WORK)
    public void unlink(@PathVariable long id, @PathVariable long linkId) {
        incidents.unlink(id, linkId);
    }

    @GetMapping("/{id}/attachments")
    @PreAuthorize(IncidentPermissions.READ)
    public List<Attachment> attachments(@PathVariable long id) {
        return incidents.attachments(id);
    }

    @PostMapping(value = "/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(IncidentPermissions.WORK)
    public Attachment attach(@PathVariable long id, @RequestPart("file") MultipartFile file) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return incidents.attach(id, file.getOriginalFilename(), file.getContentType(), in);
        }
    }

    @GetMapping("/{id}/attachments/{attachmentId}/content")
    @PreAuthorize(IncidentPermissions.READ)
    public void download(@PathVariable long id, @PathVariable long attachmentId, HttpServletResponse response)
            throws IOException {
        Attachment attachment = incidents.attachments(id).stream().filter(a -> a.id() == attachmentId).findFirst()
                .orElseThrow(() -> new org.opencirt.common.NotFoundException("Attachment", attachmentId));
        AttachmentDownload.send(response, attachment.fileName(), incidents.openAttachment(id, attachmentId));
    }

    @GetMapping("/{id}/reports")
    @PreAuthorize(IncidentPermissions.READ)
    public List<Report> reports(@PathVariable long id) {
        return incidents.reportsOf(id);
    }
}
