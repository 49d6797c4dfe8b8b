package org.opencirt.incident.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.web.FormBinding;
import org.opencirt.incident.Incident;
import org.opencirt.incident.IncidentService;
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
 * The incident itself: the new-incident form, the incident page with its tabs, and what changes the incident as a
 * whole (its fields, affected organisations, state, handling team, merge into another).
 */
@Controller
@RequestMapping("/incidents")
public class IncidentPageController {

    private final IncidentService incidents;
    private final IncidentPage page;
    private final IncidentOptions options;

    public IncidentPageController(IncidentService incidents, IncidentPage page, IncidentOptions options) {
        this.incidents = incidents;
        this.page = page;
        this.options = options;
    }

    @GetMapping("/new")
    @PreAuthorize(IncidentPermissions.WORK)
    public String create(Model model) {
        model.addAttribute("form", IncidentForm.BLANK);
        options.addFieldChoices(model);
        return "incident/new";
    }

    @PostMapping
    @PreAuthorize(IncidentPermissions.WORK)
    public String open(@ModelAttribute("form") IncidentForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        try {
            FormBinding.requireBound(binding);
            Incident opened = incidents.open(form.input());
            redirect.addFlashAttribute("notice", "incident.opened");
            return "redirect:/incidents/" + opened.id();
        } catch (InvalidInputException e) {
            model.addAttribute("form", form == null ? IncidentForm.BLANK : form);
            model.addAttribute("errors", e.byField());
            options.addFieldChoices(model);
            return "incident/new";
        }
    }

    /** The incident page; {@code tab} names the open tab, htmx gets the tabs alone. */
    @GetMapping("/{id}")
    @PreAuthorize(IncidentPermissions.STAFF)
    public String show(@PathVariable long id, @RequestParam(defaultValue = "summary") String tab,
            HttpServletRequest request, Model model) {
        page.fill(model, id, IncidentPage.TABS.contains(tab) ? tab : "summary");
        return WebPages.view(request, "incident/incident", "tabs");
    }

    /** Saves the summary form. */
    @PostMapping("/{id}")
    @PreAuthorize(IncidentPermissions.WORK)
    public String update(@PathVariable long id, @ModelAttribute("form") IncidentForm form, BindingResult binding,
            RedirectAttributes redirect) {
        return page.act(id, "summary", binding, "form", form, redirect, () -> {
            incidents.update(id, form.input());
            return "incident.saved";
        });
    }

    /** Adds one affected organisation, such as one proposed by the lookup of the observables. */
    @PostMapping("/{id}/organisations")
    @PreAuthorize(IncidentPermissions.WORK)
    public String addOrganisation(@PathVariable long id, @RequestParam long organisationId,
            RedirectAttributes redirect) {
        return page.act(id, "summary", null, "form", null, redirect, () -> {
            List<Long> ids = new ArrayList<>(incidents.get(id).organisations().stream()
                    .map(Incident.AffectedOrganisation::id).toList());
            ids.add(organisationId);
            incidents.update(id, new Incident.Input(null, null, null, null, null, null, null, null, null, null, null,
                    ids, null));
            return "incident.organisationAdded";
        });
    }

    @PostMapping("/{id}/transition")
    @PreAuthorize(IncidentPermissions.WORK)
    public String transition(@PathVariable long id, @ModelAttribute("stateForm") Forms.StateForm form,
            BindingResult binding, @RequestParam(defaultValue = "summary") String tab, RedirectAttributes redirect) {
        String back = IncidentPage.TABS.contains(tab) ? tab : "summary";
        return page.act(id, back, binding, "stateForm", form, redirect, () -> {
            incidents.transition(id, form.state(), form.reason());
            return "incident.stateChanged";
        });
    }

    @PostMapping("/{id}/hand-off")
    @PreAuthorize(IncidentPermissions.WORK)
    public String handOff(@PathVariable long id, @ModelAttribute("handOffForm") Forms.HandOffForm form,
            BindingResult binding, RedirectAttributes redirect) {
        return page.act(id, "summary", binding, "handOffForm", form, redirect, () -> {
            incidents.handOff(id, form.team(), form.reason());
            return "incident.handedOff";
        });
    }

    /** Merges this incident into another and goes to the one that remains. */
    @PostMapping("/{id}/merge")
    @PreAuthorize(IncidentPermissions.WORK)
    public String merge(@PathVariable long id, @ModelAttribute("mergeForm") Forms.MergeForm form,
            BindingResult binding, RedirectAttributes redirect) {
        String back = page.act(id, "links", binding, "mergeForm", form, redirect, () -> {
            incidents.merge(id, form.target());
            return "incident.merged";
        });
        return redirect.getFlashAttributes().containsKey("notice") ? "redirect:/incidents/" + form.intoId() : back;
    }
}
