package org.opencirt.constituency.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.opencirt.common.PageRequest;
import org.opencirt.constituency.ContactService;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.SectorService;
import org.opencirt.constituency.Team;
import org.opencirt.constituency.TeamKind;
import org.opencirt.constituency.TeamService;
import org.opencirt.constituency.internal.Permissions;
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
 * Pages for the team directory (every user may read it: a constituent must know its CIRT) with each team's
 * RFC 2350 profile, laid out in the RFC's sections so that it reads like the document teams publish.
 */
@Controller
@RequestMapping("/constituency/teams")
public class TeamPageController {

    private static final String BASE = "/constituency/teams";
    private static final Team.Input BLANK = new Team.Input("", "", null, "", null, null, List.of(),
            Team.Rfc2350.empty());

    private final TeamService teams;
    private final ContactService contacts;
    private final OrganisationService organisations;
    private final SectorService sectors;

    public TeamPageController(TeamService teams, ContactService contacts, OrganisationService organisations,
            SectorService sectors) {
        this.teams = teams;
        this.contacts = contacts;
        this.organisations = organisations;
        this.sectors = sectors;
    }

    @GetMapping
    @PreAuthorize(Permissions.READ_TEAMS)
    public String list(@RequestParam(required = false) String q, @RequestParam(required = false) TeamKind kind,
            @RequestParam(required = false) String country, @RequestParam(required = false) Integer page,
            HttpServletRequest request, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("kind", kind);
        model.addAttribute("country", country);
        model.addAttribute("kinds", TeamKind.values());
        Pages.results(model, teams.search(q, kind, null, country, PageRequest.of(page, null)), request);
        return Pages.view(request, "constituency/teams", "results");
    }

    @GetMapping("/{id}")
    @PreAuthorize(Permissions.READ_TEAMS)
    public String detail(@PathVariable long id, Model model) {
        Team team = teams.get(id);
        model.addAttribute("team", team);
        model.addAttribute("organisationName", team.organisationId() == null ? null
                : organisations.nameIfVisible(team.organisationId()).orElse(null));
        model.addAttribute("contacts", contacts.ofTeam(id));
        model.addAttribute("sections", Rfc2350Section.ALL);
        return "constituency/team";
    }

    @GetMapping("/new")
    @PreAuthorize(Permissions.WRITE)
    public String create(Model model) {
        return form(model, null, BLANK, Map.of());
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize(Permissions.WRITE)
    public String edit(@PathVariable long id, Model model) {
        Team t = teams.get(id);
        return form(model, id, new Team.Input(t.name(), t.shortName(), t.kind(), t.country(), t.organisationId(),
                t.sectorId(), t.memberships(), t.profile()), Map.of());
    }

    @PostMapping
    @PreAuthorize(Permissions.WRITE)
    public String create(@ModelAttribute("form") Team.Input form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        return save(null, form, binding, model, redirect);
    }

    @PostMapping("/{id}")
    @PreAuthorize(Permissions.WRITE)
    public String update(@PathVariable long id, @ModelAttribute("form") Team.Input form, BindingResult binding,
            Model model, RedirectAttributes redirect) {
        return save(id, form, binding, model, redirect);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize(Permissions.WRITE)
    public String delete(@PathVariable long id, RedirectAttributes redirect) {
        return Pages.delete(() -> teams.delete(id), redirect, BASE, BASE + "/" + id);
    }

    private String save(Long id, Team.Input form, BindingResult binding, Model model, RedirectAttributes redirect) {
        Team.Input input = form == null ? BLANK : form;
        return Pages.save(binding, redirect,
                () -> BASE + "/" + (id == null ? teams.create(input) : teams.update(id, input)).id(),
                errors -> form(model, id, input, errors));
    }

    private String form(Model model, Long id, Team.Input form, Map<String, String> errors) {
        if (id != null) {
            model.addAttribute("team", teams.get(id));
        }
        model.addAttribute("form", form);
        model.addAttribute("profile", form.profile() == null ? Team.Rfc2350.empty() : form.profile());
        model.addAttribute("errors", errors);
        model.addAttribute("sections", Rfc2350Section.ALL);
        model.addAttribute("kinds", TeamKind.values());
        model.addAttribute("organisations", organisations.all());
        model.addAttribute("sectors", sectors.all());
        return "constituency/team-form";
    }
}
