package org.opencirt.incident.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.incident.Attachment;
import org.opencirt.incident.IncidentService;
import org.opencirt.incident.IncidentTask;
import org.opencirt.incident.Observable;
import org.opencirt.incident.internal.AttachmentDownload;
import org.opencirt.incident.internal.IncidentPermissions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The forms of the incident page's working tabs: observables, tasks, timeline, comments, attachments and links.
 * Each goes back to its tab (see {@link IncidentPage#act}).
 */
@Controller
@RequestMapping("/incidents/{id}")
public class IncidentWorkController {

    private final IncidentService incidents;
    private final IncidentPage page;

    public IncidentWorkController(IncidentService incidents, IncidentPage page) {
        this.incidents = incidents;
        this.page = page;
    }

    @PostMapping("/observables")
    @PreAuthorize(IncidentPermissions.WORK)
    public String addObservable(@PathVariable long id, @ModelAttribute("observableForm") Forms.ObservableForm form,
            BindingResult binding, RedirectAttributes redirect) {
        return page.act(id, "observables", binding, "observableForm", form, redirect, () -> {
            incidents.addObservable(id, form.input());
            return "incident.observable.added";
        });
    }

    /** Marks an observable as an indicator of compromise, or no longer; the rest of it stays as it is. */
    @PostMapping("/observables/{observableId}/ioc")
    @PreAuthorize(IncidentPermissions.WORK)
    public String markIoc(@PathVariable long id, @PathVariable long observableId, @RequestParam boolean ioc,
            RedirectAttributes redirect) {
        return page.act(id, "observables", null, "observableForm", null, redirect, () -> {
            Observable current = incidents.observables(id).stream().filter(o -> o.id() == observableId).findFirst()
                    .orElseThrow(() -> new NotFoundException("Observable", observableId));
            incidents.updateObservable(id, observableId, new Observable.Input(current.type(), current.value(), ioc,
                    current.description(), current.firstSeen(), current.lastSeen()));
            return "incident.observable.saved";
        });
    }

    @PostMapping("/observables/{observableId}/delete")
    @PreAuthorize(IncidentPermissions.WORK)
    public String removeObservable(@PathVariable long id, @PathVariable long observableId,
            RedirectAttributes redirect) {
        return page.act(id, "observables", null, "observableForm", null, redirect, () -> {
            incidents.removeObservable(id, observableId);
            return "incident.observable.removed";
        });
    }

    @PostMapping("/tasks")
    @PreAuthorize(IncidentPermissions.WORK)
    public String addTask(@PathVariable long id, @ModelAttribute("taskForm") Forms.TaskForm form,
            BindingResult binding, RedirectAttributes redirect) {
        return page.act(id, "tasks", binding, "taskForm", form, redirect, () -> {
            incidents.addTask(id, form.input());
            return "incident.task.added";
        });
    }

    /** Changes a task's status, assignee or due date (what is left empty stays). */
    @PostMapping("/tasks/{taskId}")
    @PreAuthorize(IncidentPermissions.WORK)
    public String updateTask(@PathVariable long id, @PathVariable long taskId,
            @ModelAttribute("taskUpdate") Forms.TaskForm form, BindingResult binding, RedirectAttributes redirect) {
        return page.act(id, "tasks", binding, "taskUpdate", form, redirect, () -> {
            IncidentTask.Input input = form.input();
            incidents.updateTask(id, taskId, new IncidentTask.Input(null, null, input.assigneeId(), input.dueAt(),
                    input.status()));
            return "incident.task.saved";
        });
    }

    @PostMapping("/timeline")
    @PreAuthorize(IncidentPermissions.WORK)
    public String addTimelineEntry(@PathVariable long id, @ModelAttribute("noteForm") Forms.NoteForm form,
            BindingResult binding, RedirectAttributes redirect) {
        return page.act(id, "timeline", binding, "noteForm", form, redirect, () -> {
            incidents.addTimelineEntry(id, form.input());
            return "incident.timeline.added";
        });
    }

    @PostMapping("/comments")
    @PreAuthorize(IncidentPermissions.WORK)
    public String comment(@PathVariable long id, @ModelAttribute("noteForm") Forms.NoteForm form,
            BindingResult binding, RedirectAttributes redirect) {
        return page.act(id, "comments", binding, "noteForm", form, redirect, () -> {
            incidents.comment(id, form.input());
            return "incident.comment.added";
        });
    }

    @PostMapping("/attachments")
    @PreAuthorize(IncidentPermissions.WORK)
    public String attach(@PathVariable long id, @RequestParam(required = false) MultipartFile file,
            RedirectAttributes redirect) {
        return page.act(id, "attachments", null, "attachmentForm", null, redirect, () -> {
            if (file == null || file.isEmpty()) {
                throw new InvalidInputException("file", "choose a file to upload");
            }
            try (InputStream in = file.getInputStream()) {
                incidents.attach(id, file.getOriginalFilename(), file.getContentType(), in);
            } catch (IOException e) {
                throw new InvalidInputException("file", "the upload could not be read");
            }
            return "incident.attachment.added";
        });
    }

    @GetMapping("/attachments/{attachmentId}")
    @PreAuthorize(IncidentPermissions.STAFF)
    public void download(@PathVariable long id, @PathVariable long attachmentId, HttpServletResponse response)
            throws IOException {
        Attachment attachment = incidents.attachments(id).stream().filter(a -> a.id() == attachmentId).findFirst()
                .orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
        AttachmentDownload.send(response, attachment.fileName(), incidents.openAttachment(id, attachmentId));
    }

    @PostMapping("/links")
    @PreAuthorize(IncidentPermissions.WORK)
    public String link(@PathVariable long id, @ModelAttribute("linkForm") Forms.LinkForm form, BindingResult binding,
            RedirectAttributes redirect) {
        return page.act(id, "links", binding, "linkForm", form, redirect, () -> {
            incidents.link(id, form.input());
            return "incident.link.added";
        });
    }

    @PostMapping("/links/{linkId}/delete")
    @PreAuthorize(IncidentPermissions.WORK)
    public String unlink(@PathVariable long id, @PathVariable long linkId, RedirectAttributes redirect) {
        return page.act(id, "links", null, "linkForm", null, redirect, () -> {
            incidents.unlink(id, linkId);
            return "incident.link.removed";
        });
    }
}
