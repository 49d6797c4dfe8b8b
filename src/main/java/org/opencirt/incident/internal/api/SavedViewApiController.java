package org.opencirt.incident.internal.api;

import java.util.List;
import org.opencirt.incident.internal.IncidentPermissions;
import org.opencirt.incident.internal.SavedView;
import org.opencirt.incident.internal.SavedViews;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's saved views of the incident list over HTTP: the same views as in the UI. A view's {@code query} is
 * the query string to pass to {@code GET /api/v1/incidents} (or the list page).
 */
@RestController
@RequestMapping("/api/v1/incident-views")
public class SavedViewApiController {

    private final SavedViews views;

    public SavedViewApiController(SavedViews views) {
        this.views = views;
    }

    @GetMapping
    @PreAuthorize(IncidentPermissions.READ)
    public List<SavedView> mine() {
        return views.mine();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(IncidentPermissions.READ)
    public SavedView save(@RequestBody SavedView.Input input) {
        return views.save(input);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(IncidentPermissions.READ)
    public void delete(@PathVariable long id) {
        views.delete(id);
    }
}
