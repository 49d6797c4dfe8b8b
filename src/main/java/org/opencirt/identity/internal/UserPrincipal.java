package org.opencirt.identity.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.opencirt.identity.CurrentUser;
import org.opencirt.identity.UserAccount;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** Spring Security's view of an OpenCIRT account. */
public record UserPrincipal(UserAccount account, String passwordHash, Instant loadedAt)
        implements UserDetails, CurrentUser.Principal {

    @Override
    public CurrentUser currentUser() {
        return new CurrentUser(account.id(), account.username(), account.displayName(), account.role(),
                account.organisationId());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(account.role().authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return account.username();
    }

    @Override
    public boolean isAccountNonLocked() {
        return !account.locked(loadedAt);
    }

    @Override
    public boolean isEnabled() {
        return account.enabled();
    }
}
