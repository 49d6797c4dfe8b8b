package org.opencirt.constituency.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.constituency.Contact;
import org.opencirt.constituency.ContactKind;
import org.opencirt.constituency.ContactService;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.Team;
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
 * Pages for contacts of organisations and teams. The OpenPGP fingerprint is shown grouped as gpg prints it,
 * so that it can be compared by eye with what the contact reads out on the phone.
 */
@Controller
@RequestMapping("/constituency/contacts")
public class ContactPageController {

    private static final String BASE = "/constituency/contacts";

    private final ContactService contacts;
    private final OrganisationService organisations;
    private final TeamService teams;

    public ContactPageController(ContactService contacts, OrganisationService organisations, TeamService teams) {
        this.contacts = contacts;
        this.organisations = organisations;
        this.teams = teams;
    }

    @GetMapping
    @PreAuthorize(Permissions.READ)
    public String list(@RequestParam(required = false) String q, @RequestParam(required = false) ContactKind kind,
            @RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("kind", kind);
        model.addAttribute("kinds", ContactKind.values());
        PageResult<Contact> result = contacts.search(q, null, null, kind, PageRequest.of(page, null));
        model.addAttribute("owners", owners(result.items()));
        Pages.results(model, result, request);
        return Pages.view(request, "constituency/contacts", "results");
    }

    @GetMapping("/{id}")
    @PreAuthorize(Permissions.READ)
    public String detail(@PathVariable long id, Model model) {
        Contact contact = contacts.get(id);
        model.addAttribute("contact", contact);
        model.addAttribute("owner", owners(List.of(contact)).get(contact.id()));
        return "constituency/contact";
    }

    @GetMapping("/new")
    @PreAuthorize(Permissions.WRITE)
    public String create(@RequestParam(required = false) Long organisationId,
            @RequestParam(required = false) Long teamId, Model model) {
        return form(model, null, blank(organisationId, teamId), Map.of());
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize(Permissions.WRITE)
    public String edit(@PathVariable long id, Model model) {
        Contact c = contacts.get(id);
        return form(model, id, new Contact.Input(c.organisationId(), c.teamId(), c.kind(), c.name(), c.email(),
                c.phone(), c.available24x7(), c.languages(), c.pgpPublicKey(), c.notes()), Map.of());
    }

    @PostMapping
    @PreAuthorize(Permissions.WRITE)
    public String create(@ModelAttribute("form") Contact.Input form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        return save(null, form, binding, model, redirect);
    }

    @PostMapping("/{id}")
    @PreAuthorize(Permissions.WRITE)
    public String update(@PathVariable long id, @ModelAttribute("form") Contact.Input form, BindingResult binding,
            Model model, RedirectAttributes redirect) {
        return save(id, form, binding, model, redirect);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize(Permissions.WRITE)
    public String delete(@PathVariable long id, RedirectAttributes redirect) {
        return Pages.delete(() -> contacts.delete(id), redirect, BASE, BASE + "/" + id);
    }

    private String save(Long id, Contact.Input form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        Contact.Input input = form == null ? blank(null, null) : form;
        return Pages.save(binding, redirect,
                () -> BASE + "/" + (id == null ? contacts.create(input) : contacts.update(id, input)).id(),
                errors -> form(model, id, input, errors));
    }

    private String form(Model model, Long id, Contact.Input form, Map<String, String> errors) {
        if (id != null) {
            model.addAttribute("contact", contacts.get(id));
        }
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", ContactKind.values());
        model.addAttribute("organisations", organisations.all());
        model.addAttribute("teams", teams.all());
        return "constituency/contact-form";
    }

    private static Contact.Input blank(Long organisationId, Long teamId) {
        return new Contact.Input(organisationId, teamId, ContactKind.ROLE, "", "", "", false, List.of(), "", "");
    }

    /** Who each contact belongs to, as a link: its organisation (if visible to the caller) or its team. */
    private Map<Long, Owner> owners(List<Contact> list) {
        Map<Long, Owner> owners = new HashMap<>();
        Map<Long, Owner> byOrganisation = new HashMap<>();
        Map<Long, Owner> byTeam = new HashMap<>();
        for (Contact c : list) {
            Owner owner = null;
            if (c.organisationId() != null) {
                owner = byOrganisation.computeIfAbsent(c.organisationId(), orgId -> organisations.nameIfVisible(orgId)
                        .map(name -> new Owner(name, "/constituency/organisations/" + orgId)).orElse(null));
            } else if (c.teamId() != null) {
                owner = byTeam.computeIfAbsent(c.teamId(), teamId -> {
                    Team team = teams.get(teamId);
                    return new Owner(team.name(), "/constituency/teams/" + teamId);
                });
            }
            if (owner != null) {
                owners.put(c.id(), owner);
            }
        }
        return owners;
    }

    /** The organisation or team a contact belongs to, with the path of its page. */
    record Owner(String name, String path) {
    }
}
