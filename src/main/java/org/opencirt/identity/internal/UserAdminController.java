package org.opencirt.identity.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencirt.common.ConflictException;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.identity.NewUser;
import org.opencirt.identity.OrganisationDirectory;
import org.opencirt.identity.Role;
import org.opencirt.identity.UserAccount;
import org.opencirt.identity.UserService;
import org.springframework.beans.factory.ObjectProvider;
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
    private final ObjectProvider<OrganisationDirectory> organisations;

    public UserAdminController(UserService users, ObjectProvider<OrganisationDirectory> organisations) {
        this.users = users;
        this.organisations = organisations;
    }

    @GetMapping
    public String list(Model model) {
        List<UserAccount> accounts = users.list();
        model.addAttribute("users", accounts);
        model.addAttribute("organisationNames", organisationNames(accounts));
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

    /** The names of the users' organisations, so that the list shows a name instead of a number. */
    private Map<Long, String> organisationNames(List<UserAccount> accounts) {
        Map<Long, String> names = new HashMap<>();
        OrganisationDirectory directory = organisations.getIfAvailable();
        if (directory != null) {
            accounts.stream().map(UserAccount::organisationId).filter(Objects::nonNull).distinct()
                    .forEach(id -> directory.organisationName(id).ifPresent(name -> names.put(id, name)));
        }
        return names;
    }
}
