package org.opencirt.constituency.internal.api;

import jakarta.validation.Valid;
import java.util.List;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.constituency.Contact;
import org.opencirt.constituency.ContactService;
import org.opencirt.constituency.Team;
import org.opencirt.constituency.TeamKind;
import org.opencirt.constituency.TeamService;
import org.opencirt.constituency.internal.Permissions;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Teams (CIRTs) and their RFC 2350 profiles over HTTP. */
@RestController
@RequestMapping("/api/v1/teams")
public class TeamApiController {

    private final TeamService teams;
    private final ContactService contacts;

    public TeamApiController(TeamService teams, ContactService contacts) {
        this.teams = teams;
        this.contacts = contacts;
    }

    @GetMapping
    @PreAuthorize(Permissions.READ_TEAMS)
    public PageResult<Team> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) TeamKind kind, @RequestParam(required = false) Long sectorId,
            @RequestParam(required = false) String country, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return teams.search(q, kind, sectorId, country, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @PreAuthorize(Permissions.READ_TEAMS)
    public Team get(@PathVariable long id) {
        return teams.get(id);
    }

    @GetMapping("/{id}/contacts")
    @PreAuthorize(Permissions.READ_TEAMS)
    public List<Contact> contacts(@PathVariable long id) {
        teams.get(id);
        return contacts.ofTeam(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Permissions.WRITE)
    public Team create(@Valid @RequestBody Team.Input input) {
        return teams.create(input);
    }

    @PutMapping("/{id}")
    @PreAuthorize(Permissions.WRITE)
    public Team update(@PathVariable long id, @Valid @RequestBody Team.Input input) {
        return teams.update(id, input);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(Permissions.WRITE)
    public void delete(@PathVariable long id) {
        teams.delete(id);
    }
}
