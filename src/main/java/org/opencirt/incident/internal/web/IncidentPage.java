package org.opencirt.incident.internal.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.opencirt.audit.AuditLog;
import org.opencirt.audit.AuditQuery;
import org.opencirt.common.ConflictException;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.web.FormBinding;
import org.opencirt.incident.Correlation;
import org.opencirt.incident.Incident;
import org.opencirt.incident.IncidentLink;
import org.opencirt.incident.IncidentService;
import org.opencirt.incident.IncidentState;
import org.opencirt.incident.IncidentTask;
import org.opencirt.incident.Observable;
import org.opencirt.incident.ObservableType;
import org.opencirt.incident.internal.ObservableValues;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident page, tab by tab: what each tab shows and the forms it offers, and the one way every form on the
 * page is handled (do it, then back to the tab with a notice, the field messages with what was typed, or the
 * reason it was refused).
 */
@Component
class IncidentPage {

    /** The tabs, in the order the page shows them. */
    static final List<String> TABS = List.of("summary", "observables", "tasks", "timeline", "comments",
            "attachments", "links", "correspondence", "history");

    private static final int HISTORY_ENTRIES = 500;

    private final IncidentService incidents;
    private final IncidentOptions options;
    private final AuditLog audit;
    private final JsonMapper json;

    IncidentPage(IncidentService incidents, IncidentOptions options, AuditLog audit, JsonMapper json) {
        this.incidents = incidents;
        this.options = options;
        this.audit = audit;
        this.json = json;
    }

    /** Puts the incident, its deadlines, the possible state changes and the open tab's content into the model. */
    void fill(Model model, long id, String tab) {
        Incident incident = incidents.get(id);
        Instant now = Instant.now();
        model.addAttribute("incident", incident);
        model.addAttribute("due", Deadlines.of(incident, now));
        model.addAttribute("now", now);
        model.addAttribute("tab", tab);
        model.addAttribute("tabs", TABS);
        model.addAttribute("targets", targets(incident.state()));
        switch (tab) {
            case "summary" -> summary(model, incident);
            case "observables" -> observables(model, id);
            case "tasks" -> {
                model.addAttribute("tasks", incidents.tasks(id));
                model.addAttribute("handlers", options.handlers());
                model.addAttribute("taskStatuses", IncidentTask.Status.values());
                defaultForm(model, "taskForm", Forms.TaskForm.BLANK);
            }
            case "timeline" -> {
                model.addAttribute("entries", incidents.timeline(id));
                defaultForm(model, "noteForm", Forms.NoteForm.BLANK);
            }
            case "comments" -> {
                model.addAttribute("comments", incidents.comments(id));
                defaultForm(model, "noteForm", Forms.NoteForm.BLANK);
            }
            case "attachments" -> model.addAttribute("attachments", incidents.attachments(id));
            case "links" -> {
                model.addAttribute("links", incidents.links(id));
                model.addAttribute("linkKinds", IncidentLink.Kind.values());
                defaultForm(model, "linkForm", Forms.LinkForm.BLANK);
            }
            case "history" -> {
                model.addAttribute("stateChanges", incidents.stateChanges(id));
                model.addAttribute("auditEntries", audit.search(new AuditQuery(null, null, "incident",
                        String.valueOf(id), null, null, null), new PageRequest(0, HISTORY_ENTRIES)).items().stream()
                        .map(entry -> HistoryEntry.of(entry, json)).toList());
            }
            default -> {
                // correspondence: its fragment reads the incident only
            }
        }
    }

    /**
     * Runs one form of the page and goes back to its tab: with a notice when it worked; with the field messages and
     * what was typed when the input is wrong; with the reason when it was refused (a conflict, or a record named in
     * the form that does not exist). An incident the caller may not see stays “not found”.
     */
    String act(long id, String tab, BindingResult binding, String formName, Object form, RedirectAttributes redirect,
            Supplier<String> action) {
        String notice = null;
        try {
            if (binding != null) {
                FormBinding.requireBound(binding);
            }
            notice = action.get();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.byField());
            redirect.addFlashAttribute(formName, form);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        } catch (NotFoundException e) {
            incidents.get(id);
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        if (notice != null) {
            redirect.addFlashAttribute("notice", notice);
        }
        return "redirect:/incidents/" + id + ("summary".equals(tab) ? "" : "?tab=" + tab);
    }

    /** The states the incident can go to now: onwards while open, closing once resolved, a reopen after that. */
    static List<IncidentState> targets(IncidentState state) {
        List<IncidentState> targets = new ArrayList<>();
        for (IncidentState target : IncidentState.values()) {
            if (state.canMoveTo(target) || (state.isReopenTo(target) && target == IncidentState.IN_PROGRESS)) {
                targets.add(target);
            }
        }
        return targets;
    }

    private void summary(Model model, Incident incident) {
        options.addFieldChoices(model);
        defaultForm(model, "form", IncidentForm.of(incident));
        defaultForm(model, "handOffForm", Forms.HandOffForm.BLANK);
        model.addAttribute("proposed", incidents.proposedOrganisations(incident.id()));
        model.addAttribute("reports", incidents.reportsOf(incident.id()));
    }

    private void observables(Model model, long id) {
        List<Observable> observables = incidents.observables(id);
        List<Correlation> correlations = incidents.correlations(id);
        Map<Long, List<Correlation>> correlated = new LinkedHashMap<>();
        for (Observable observable : observables) {
            String key = ObservableValues.key(observable.value());
            correlated.put(observable.id(), correlations.stream().filter(c -> c.type() == observable.type()
                    && ObservableValues.key(c.value()).equals(key)).toList());
        }
        model.addAttribute("observables", observables);
        model.addAttribute("correlated", correlated);
        model.addAttribute("observableTypes", ObservableType.values());
        defaultForm(model, "observableForm", Forms.ObservableForm.BLANK);
    }

    private static void defaultForm(Model model, String name, Object blank) {
        if (!model.containsAttribute(name)) {
            model.addAttribute(name, blank);
        }
    }
}
