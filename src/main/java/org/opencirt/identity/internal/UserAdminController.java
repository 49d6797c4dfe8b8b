package org.opencirt.identity.internal;

import java.util.Map;
import org.opencirt.common.ConflictException;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.identity.NewUser;
import org.opencirt.identity.Role;
import org.opencirt.identity.UserService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Administrators' pages for user accounts. */
@Controller
@RequestMapping("/admin/users")
@PreAuthorize("hasRole('ADMIN')")
public class UserAdminController {

    private final UserService users;

    public UserAdminController(UserService users) {
        this.users = users;
    }

    @GetMapping
    public String list(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Role.values());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new NewUser("", "", "", Role.ANALYST, null, "", true, null));
        }
        return "identity/users";
    }

    @PostMapping
    public String create(NewUser form, Model model) {
        try {
            users.create(form);
            return "redirect:/admin/users";
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.byField());
        } catch (ConflictException e) {
            model.addAttribute("errors", Map.of("username", e.getMessage()));
        }
        model.addAttribute("form", form);
        return list(model);
    }

    @PostMapping("/{id}/enabled")
    public String setEnabled(@PathVariable long id, @RequestParam boolean enabled) {
        var user = users.find(id).orElseThrow(() -> new NotFoundException("User", id));
        users.update(id, new NewUser(user.username(), user.displayName(), user.email(), user.role(),
                user.organisationId(), null, enabled, user.locale()));
        return "redirect:/admin/users";
    }

    @PostMapping("/{id}/unlock")
    public String unlock(@PathVariable long id) {
        users.unlock(id);
        return "redirect:/admin/users";
    }
}
