package org.opencirt.constituency.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.opencirt.common.PageRequest;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.Sector;
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

/** Staff pages for sectors: list, detail with the sector's organisations, form and delete. */
@Controller
@RequestMapping("/constituency/sectors")
public class SectorPageController {

    private static final String BASE = "/constituency/sectors";
    private static final Sector.Input BLANK = new Sector.Input("", "", false);

    private final SectorService sectors;
    private final OrganisationService organisations;

    public SectorPageController(SectorService sectors, OrganisationService organisations) {
        this.sectors = sectors;
        this.organisations = organisations;
    }

    @GetMapping
    @PreAuthorize(Permissions.STAFF)
    public String list(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
            HttpServletRequest request, Model model) {
        model.addAttribute("q", q);
        Pages.results(model, sectors.search(q, PageRequest.of(page, null)), request);
        return Pages.view(request, "constituency/sectors", "results");
    }

    @GetMapping("/{id}")
    @PreAuthorize(Permissions.STAFF)
    public String detail(@PathVariable long id, Model model) {
        model.addAttribute("sector", sectors.get(id));
        model.addAttribute("organisations", organisations.search(null, id, null, null, new PageRequest(0, 100)));
        return "constituency/sector";
    }

    @GetMapping("/new")
    @PreAuthorize(Permissions.WRITE)
    public String create(Model model) {
        return form(model, null, BLANK, Map.of());
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize(Permissions.WRITE)
    public String edit(@PathVariable long id, Model model) {
        Sector sector = sectors.get(id);
        return form(model, id, new Sector.Input(sector.name(), sector.description(), sector.criticalInfrastructure()),
                Map.of());
    }

    @PostMapping
    @PreAuthorize(Permissions.WRITE)
    public String create(@ModelAttribute("form") Sector.Input form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        return save(null, form, binding, model, redirect);
    }

    @PostMapping("/{id}")
    @PreAuthorize(Permissions.WRITE)
    public String update(@PathVariable long id, @ModelAttribute("form") Sector.Input form, BindingResult binding,
            Model model, RedirectAttributes redirect) {
        return save(id, form, binding, model, redirect);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize(Permissions.WRITE)
    public String delete(@PathVariable long id, RedirectAttributes redirect) {
        return Pages.delete(() -> sectors.delete(id), redirect, BASE, BASE + "/" + id);
    }

    private String save(Long id, Sector.Input form, BindingResult binding, Model model, RedirectAttributes redirect) {
        Sector.Input input = form == null ? BLANK : form;
        return Pages.save(binding, redirect,
                () -> BASE + "/" + (id == null ? sectors.create(input) : sectors.update(id, input)).id(),
                errors -> form(model, id, input, errors));
    }

    private String form(Model model, Long id, Sector.Input form, Map<String, String> errors) {
        if (id != null) {
            model.addAttribute("sector", sectors.get(id));
        }
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "constituency/sector-form";
    }
}
