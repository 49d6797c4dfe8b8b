package org.opencirt.constituency.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.opencirt.constituency.ResponsibilityLookup;
import org.opencirt.constituency.ResponsibilityLookup.QueryType;
import org.opencirt.constituency.internal.Permissions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The duty officer's lookup page: one box for an IP, ASN, domain, URL or e-mail address, answered with the
 * owner, the responsible team and whom to call. Malformed input is an answer too (the parser's message), never
 * an error page.
 */
@Controller
public class LookupPageController {

    private final ResponsibilityLookup lookup;

    public LookupPageController(ResponsibilityLookup lookup) {
        this.lookup = lookup;
    }

    @GetMapping("/constituency/lookup")
    @PreAuthorize(Permissions.STAFF)
    public String lookup(@RequestParam(required = false) String q, HttpServletRequest request, Model model) {
        model.addAttribute("q", q);
        if (q != null && !q.isBlank()) {
            try {
                QueryType type = LookupQueries.detect(q);
                model.addAttribute("type", type);
                model.addAttribute("answer", lookup.lookup(type, q));
            } catch (IllegalArgumentException e) {
                model.addAttribute("lookupError", e.getMessage());
            }
        }
        return Pages.view(request, "constituency/lookup", "answer");
    }
}
