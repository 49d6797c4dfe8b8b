package org.opencirt.constituency.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.opencirt.common.PageRequest;
import org.opencirt.constituency.AssetKind;
import org.opencirt.constituency.AssetService;
import org.opencirt.constituency.NetworkAsset;
import org.opencirt.constituency.OrganisationService;
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
 * Pages for network assets across organisations. Saving shows the overlaps with other organisations' ranges
 * and domains that the service reports, since a nested range is allowed but worth a second look.
 */
@Controller
@RequestMapping("/constituency/assets")
public class AssetPageController {

    private static final String BASE = "/constituency/assets";

    private final AssetService assets;
    private final OrganisationService organisations;

    public AssetPageController(AssetService assets, OrganisationService organisations) {
        this.assets = assets;
        this.organisations = organisations;
    }

    @GetMapping
    @PreAuthorize(Permissions.READ)
    public String list(@RequestParam(required = false) String q, @RequestParam(required = false) AssetKind kind,
            @RequestParam(required = false) Long organisationId, @RequestParam(required = false) Integer page,
            HttpServletRequest request, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("kind", kind);
        model.addAttribute("organisationId", organisationId);
        model.addAttribute("kinds", AssetKind.values());
        model.addAttribute("organisations", organisations.all());
        Pages.results(model, assets.search(q, kind, organisationId, PageRequest.of(page, null)), request);
        return Pages.view(request, "constituency/assets", "results");
    }

    @GetMapping("/{id}")
    @PreAuthorize(Permissions.READ)
    public String detail(@PathVariable long id, Model model) {
        model.addAttribute("asset", assets.get(id));
        return "constituency/asset";
    }

    @GetMapping("/new")
    @PreAuthorize(Permissions.WRITE)
    public String create(@RequestParam(required = false) Long organisationId, Model model) {
        return form(model, null, new NetworkAsset.Input(organisationId, AssetKind.CIDR, "", ""), Map.of());
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize(Permissions.WRITE)
    public String edit(@PathVariable long id, Model model) {
        NetworkAsset a = assets.get(id);
        return form(model, id, new NetworkAsset.Input(a.organisationId(), a.kind(), a.value(), a.description()),
                Map.of());
    }

    @PostMapping
    @PreAuthorize(Permissions.WRITE)
    public String create(@ModelAttribute("form") NetworkAsset.Input form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        return save(null, form, binding, model, redirect);
    }

    @PostMapping("/{id}")
    @PreAuthorize(Permissions.WRITE)
    public String update(@PathVariable long id, @ModelAttribute("form") NetworkAsset.Input form,
            BindingResult binding, Model model, RedirectAttributes redirect) {
        return save(id, form, binding, model, redirect);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize(Permissions.WRITE)
    public String delete(@PathVariable long id, RedirectAttributes redirect) {
        return Pages.delete(() -> assets.delete(id), redirect, BASE, BASE + "/" + id);
    }

    private String save(Long id, NetworkAsset.Input form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        NetworkAsset.Input input = form == null ? new NetworkAsset.Input(null, null, "", "") : form;
        return Pages.save(binding, redirect, () -> {
            NetworkAsset.Saved saved = id == null ? assets.create(input) : assets.update(id, input);
            redirect.addFlashAttribute("overlaps", saved.overlaps());
            return BASE + "/" + saved.asset().id();
        }, errors -> form(model, id, input, errors));
    }

    private String form(Model model, Long id, NetworkAsset.Input form, Map<String, String> errors) {
        if (id != null) {
            model.addAttribute("asset", assets.get(id));
        }
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", AssetKind.values());
        model.addAttribute("organisations", organisations.all());
        return "constituency/asset-form";
    }
}
