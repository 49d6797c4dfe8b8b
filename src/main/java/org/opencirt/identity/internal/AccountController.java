package org.opencirt.identity.internal;

import org.opencirt.common.InvalidInputException;
import org.opencirt.identity.ApiTokenService;
import org.opencirt.identity.CurrentUser;
import org.opencirt.identity.IssuedToken;
import org.opencirt.identity.UserService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Login page and the user's own account: password change and personal API tokens. */
@Controller
public class AccountController {

    private final UserService users;
    private final ApiTokenService tokens;

    public AccountController(UserService users, ApiTokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @GetMapping("/login")
    public String login() {
        return "identity/login";
    }

    @GetMapping("/account")
    @PreAuthorize("isAuthenticated()")
    public String account(Model model) {
        CurrentUser me = TokenApiController.caller();
        model.addAttribute("account", users.find(me.id()).orElseThrow());
        model.addAttribute("tokens", tokens.listForUser(me.id()));
        return "identity/account";
    }

    @PostMapping("/account/password")
    @PreAuthorize("isAuthenticated()")
    public String changePassword(@RequestParam String currentPassword, @RequestParam String newPassword,
            @RequestParam String confirmPassword, Model model, RedirectAttributes redirect) {
        try {
            if (!newPassword.equals(confirmPassword)) {
                throw new InvalidInputException("confirmPassword", "does not match the new password");
            }
            users.changePassword(TokenApiController.caller().id(), currentPassword, newPassword);
        } catch (InvalidInputException e) {
            model.addAttribute("passwordErrors", e.byField());
            return account(model);
        }
        redirect.addFlashAttribute("notice", "account.password.changed");
        return "redirect:/account";
    }

    @PostMapping("/account/tokens")
    @PreAuthorize("isAuthenticated()")
    public String issueToken(@RequestParam String name, @RequestParam(required = false) Integer validDays,
            Model model) {
        try {
            IssuedToken issued = tokens.issue(TokenApiController.caller().id(), name, validDays);
            model.addAttribute("issued", issued);
        } catch (InvalidInputException e) {
            model.addAttribute("tokenError", e.getMessage());
        }
        return account(model);
    }

    @PostMapping("/account/tokens/{id}/revoke")
    @PreAuthorize("isAuthenticated()")
    public String revokeToken(@PathVariable long id) {
        tokens.revoke(TokenApiController.caller().id(), id);
        return "redirect:/account";
    }
}
