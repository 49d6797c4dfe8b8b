package org.opencirt.identity.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.opencirt.identity.ApiToken;
import org.opencirt.identity.ApiTokenService;
import org.opencirt.identity.CurrentUser;
import org.opencirt.identity.IssuedToken;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Personal API tokens of the caller: issue (secret shown once), list, revoke. */
@RestController
@RequestMapping("/api/v1/tokens")
public class TokenApiController {

    private final ApiTokenService tokens;

    public TokenApiController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    /** Asks for a token. */
    public record TokenRequest(@NotBlank @Size(max = 100) String name, @Positive Integer validDays) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("isAuthenticated()")
    public IssuedToken issue(@Valid @RequestBody TokenRequest request) {
        return tokens.issue(caller().id(), request.name(), request.validDays());
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    public List<ApiToken> list() {
        return tokens.listForUser(caller().id());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("isAuthenticated()")
    public void revoke(@PathVariable long id) {
        tokens.revoke(caller().id(), id);
    }

    static CurrentUser caller() {
        return CurrentUser.get().orElseThrow(() -> new InsufficientAuthenticationException("not authenticated"));
    }
}
