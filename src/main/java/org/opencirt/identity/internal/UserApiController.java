package org.opencirt.identity.internal;

import jakarta.validation.Valid;
import java.util.List;
import org.opencirt.common.NotFoundException;
import org.opencirt.identity.NewUser;
import org.opencirt.identity.UserAccount;
import org.opencirt.identity.UserService;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** User administration for ADMIN; {@code /me} for everyone. */
@RestController
@RequestMapping("/api/v1/users")
public class UserApiController {

    private final UserService users;

    public UserApiController(UserService users) {
        this.users = users;
    }

    @GetMapping("/me")
    @PreAuthorize("isAuthenticated()")
    public UserAccount me() {
        long id = TokenApiController.caller().id();
        return users.find(id).orElseThrow(() -> new NotFoundException("User", id));
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    public List<UserAccount> list() {
        return users.list();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    public UserAccount get(@PathVariable long id) {
        return users.find(id).orElseThrow(() -> new NotFoundException("User", id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    public UserAccount create(@Valid @RequestBody NewUser input) {
        return users.create(input);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    public UserAccount update(@PathVariable long id, @Valid @RequestBody NewUser input) {
        return users.update(id, input);
    }

    @PostMapping("/{id}/unlock")
    @PreAuthorize("hasRole('ADMIN')")
    public UserAccount unlock(@PathVariable long id) {
        users.unlock(id);
        return get(id);
    }
}
