package org.opencirt.incident.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.web.FormBinding;
import org.opencirt.common.web.Pager;
import org.opencirt.identity.CurrentUser;
import org.opencirt.incident.IncidentService;
import org.opencirt.incident.IncidentTask;
import org.opencirt.incident.internal.IncidentCsv;
import org.opencirt.incident.internal.IncidentPermissions;
import org.opencirt.incident.internal.SavedView;
import org.opencirt.incident.internal.SavedViews;
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
 * The incident list for staff: filters, full-text search, sorting and paging, the CSV export of what is shown, the
 * user's saved views of it, the overdue view and the user's own tasks.
 */
@Controller
@RequestMapping("/incidents")
public class IncidentListController {

    private final IncidentService incidents;
    private final SavedViews views;
    private final IncidentOptions options;

    public IncidentListController(IncidentService incidents, SavedViews views, IncidentOptions options) {
        this.incidents = incidents;
        this.views = views;
        this.options = options;
    }

    @GetMapping
    @PreAuthorize(IncidentPermissions.STAFF)
    public String list(@ModelAttribute("filter") IncidentFilter filter, BindingResult binding,
            @RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
        IncidentFilter given = filter == null ? IncidentFilter.NONE : filter;
        Instant now = Instant.now();
        PageResult<IncidentRow> results;
        try {
            FormBinding.requireBound(binding);
            results = incidents.search(given.query(), PageRequest.of(page, null)).map(i -> IncidentRow.of(i, now));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.byField());
            results = new PageResult<>(List.of(), 0, PageRequest.of(null, null).size(), 0);
        }
        String query = SavedViews.normalise(request.getQueryString());
        model.addAttribute("filter", given);
        model.addAttribute("results", results);
        model.addAttribute("pager", Pager.of(results, request));
        model.addAttribute("query", query);
        model.addAttribute("views", views.mine());
        model.addAttribute("quickViews", quickViews());
        options.addFilterChoices(model);
        return WebPages.view(request, "incident/list", "results");
    }

    /** The filtered list as CSV, with the same filters and the same access rule as the page. */
    @GetMapping("/export")
    @PreAuthorize(IncidentPermissions.STAFF)
    public void export(@ModelAttribute IncidentFilter filter, BindingResult binding, HttpServletResponse response)
            throws IOException {
        FormBinding.requireBound(binding);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"incidents.csv\"");
        IncidentCsv.write(incidents, filter.query(), response.getOutputStream());
    }

    /** The caller's open tasks across the incidents it may see, soonest due first. */
    @GetMapping("/my-tasks")
    @PreAuthorize(IncidentPermissions.STAFF)
    public String myTasks(Model model) {
        List<IncidentTask> tasks = incidents.myTasks();
        Map<Long, String> titles = new LinkedHashMap<>();
        for (IncidentTask task : tasks) {
            titles.computeIfAbsent(task.incidentId(), id -> title(id));
        }
        model.addAttribute("tasks", tasks);
        model.addAttribute("titles", titles);
        model.addAttribute("now", Instant.now());
        model.addAttribute("quickViews", quickViews());
        return "incident/my-tasks";
    }

    /** Saves the list's current filters under a name, then shows the list with them. */
    @PostMapping("/views")
    @PreAuthorize(IncidentPermissions.STAFF)
    public String saveView(@RequestParam(required = false) String name, @RequestParam(required = false) String query,
            RedirectAttributes redirect) {
        String normalised = SavedViews.normalise(query);
        try {
            views.save(new SavedView.Input(name, normalised));
            redirect.addFlashAttribute("notice", "incident.view.saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("viewErrors", e.byField());
            redirect.addFlashAttribute("viewName", name);
        }
        return "redirect:/incidents" + (normalised.isEmpty() ? "" : "?" + normalised);
    }

    @PostMapping("/views/{id}/delete")
    @PreAuthorize(IncidentPermissions.STAFF)
    public String deleteView(@PathVariable long id, RedirectAttributes redirect) {
        views.delete(id);
        redirect.addFlashAttribute("notice", "incident.view.deleted");
        return "redirect:/incidents";
    }

    private String title(long incidentId) {
        try {
            return incidents.get(incidentId).title();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** The fixed views above the list: everything, what is open, what is mine, what is late. */
    private static Map<String, String> quickViews() {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("incident.view.all", "/incidents");
        links.put("incident.view.open", "/incidents?state=NEW&state=TRIAGE&state=IN_PROGRESS"
                + "&state=WAITING_FOR_CONSTITUENT&state=CONTAINED");
        CurrentUser.get().ifPresent(me -> links.put("incident.view.mine", "/incidents?assigneeId=" + me.id()));
        links.put("incident.view.overdue", "/incidents?overdue=true");
        links.put("incident.view.myTasks", "/incidents/my-tasks");
        return links;
    }
}
