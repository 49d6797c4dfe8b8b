package org.opencirt.constituency.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.PageRequest;
import org.opencirt.constituency.AssetKind;
import org.opencirt.constituency.AssetService;
import org.opencirt.constituency.ContactService;
import org.opencirt.constituency.NetworkAsset;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationKind;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.ResponsibilityLookup;
import org.opencirt.constituency.SectorService;
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
 * Pages for organisations: the searchable list, the organisation's page with its networks, contacts and
 * responsible team (assets are added inline there), form and delete. A CONSTITUENT sees only its own, because
 * the services say so.
 */
@Controller
@RequestMapping("/constituency/organisations")
public class OrganisationPageController {

    private static final String BASE = "/constituency/organisations";
    private static final Organisation.Input BLANK = new Organisation.Input("", "", null, "", null, null, "", "");

    private final OrganisationService organisations;
    private final SectorService sectors;
    private final AssetService assets;
    private final ContactService contacts;
    private final ResponsibilityLookup lookup;

    public OrganisationPageController(OrganisationService organisations, SectorService sectors, AssetService assets,
            ContactService contacts, ResponsibilityLookup lookup) {
        this.organisations = organisations;
        this.sectors = sectors;
        this.assets = assets;
        this.contacts = contacts;
        this.lookup = lookup;
    }

    @GetMapping
    @PreAuthorize(Permissions.READ)
    public String list(@RequestParam(required = false) String q, @RequestParam(required = false) Long sectorId,
            @RequestParam(required = false) OrganisationKind kind, @RequestParam(required = false) String country,
            @RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("sectorId", sectorId);
        model.addAttribute("kind", kind);
        model.addAttribute("country", country);
        model.addAttribute("sectors", sectors.all());
        model.addAttribute("kinds", OrganisationKind.values());
        Pages.results(model, organisations.search(q, sectorId, kind, country, PageRequest.of(page, null)), request);
        return Pages.view(request, "constituency/organisations", "results");
    }

    @GetMapping("/{id}")
    @PreAuthorize(Permissions.READ)
    public String detail(@PathVariable long id, Model model) {
        Organisation organisation = organisations.get(id);
        model.addAttribute("organisation", organisation);
        model.addAttribute("children", organisations.children(id));
        model.addAttribute("contacts", contacts.ofOrganisation(id));
        model.addAttribute("team", lookup.responsibleTeam(organisation).orElse(null));
        assetSection(model, id, new NetworkAsset.Input(id, AssetKind.CIDR, "", ""), Map.of(), List.of());
        return "constituency/organisation";
    }

    /** Adds a network asset from the organisation's page; answers the asset section with errors or overlaps. */
    @PostMapping("/{id}/assets")
    @PreAuthorize(Permissions.WRITE)
    public String addAsset(@PathVariable long id, @ModelAttribute("assetForm") NetworkAsset.Input form,
            BindingResult binding, HttpServletRequest request, Model model) {
        NetworkAsset.Input input = form == null ? new NetworkAsset.Input(id, null, "", "")
                : new NetworkAsset.Input(id, form.kind(), form.value(), form.description());
        if (!"true".equals(request.getHeader("HX-Request"))) {
            detail(id, model);
        }
        try {
            Pages.requireBound(binding);
            NetworkAsset.Saved saved = assets.create(input);
            model.addAttribute("added", saved.asset());
            assetSection(model, id, new NetworkAsset.Input(id, input.kind(), "", ""), Map.of(), saved.overlaps());
        } catch (InvalidInputException e) {
            assetSection(model, id, input, e.byField(), List.of());
        }
        return Pages.view(request, "constituency/organisation", "assets");
    }

    @GetMapping("/new")
    @PreAuthorize(Permissions.WRITE)
    public String create(Model model) {
        return form(model, null, BLANK, Map.of());
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize(Permissions.WRITE)
    public String edit(@PathVariable long id, Model model) {
        Organisation o = organisations.get(id);
        return form(model, id, new Organisation.Input(o.name(), o.shortName(), o.sectorId(), o.country(), o.kind(),
                o.parentId(), o.website(), o.description()), Map.of());
    }

    @PostMapping
    @PreAuthorize(Permissions.WRITE)
    public String create(@ModelAttribute("form") Organisation.Input form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        return save(null, form, binding, model, redirect);
    }

    @PostMapping("/{id}")
    @PreAuthorize(Permissions.WRITE)
    public String update(@PathVariable long id, @ModelAttribute("form") Organisation.Input form,
            BindingResult binding, Model model, RedirectAttributes redirect) {
        return save(id, form, binding, model, redirect);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize(Permissions.WRITE)
    public String delete(@PathVariable long id, RedirectAttributes redirect) {
        return Pages.delete(() -> organisations.delete(id), redirect, BASE, BASE + "/" + id);
    }

    private String save(Long id, Organisation.Input form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        Organisation.Input input = form == null ? BLANK : form;
        return Pages.save(binding, redirect,
                () -> BASE + "/" + (id == null ? organisations.create(input) : organisations.update(id, input)).id(),
                errors -> form(model, id, input, errors));
    }

    private String form(Model model, Long id, Organisation.Input form, Map<String, String> errors) {
        if (id != null) {
            model.addAttribute("organisation", organisations.get(id));
        }
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("sectors", sectors.all());
        model.addAttribute("kinds", OrganisationKind.values());
        model.addAttribute("parents", organisations.all().stream().filter(o -> id == null || o.id() != id).toList());
        return "constituency/organisation-form";
    }

    private void assetSection(Model model, long id, NetworkAsset.Input form, Map<String, String> errors,
            List<String> overlaps) {
        model.addAttribute("organisationId", id);
        model.addAttribute("assets", assets.ofOrganisation(id));
        model.addAttribute("assetForm", form);
        model.addAttribute("errors", errors);
        model.addAttribute("overlaps", overlaps);
        model.addAttribute("assetKinds", AssetKind.values());
    }
}
