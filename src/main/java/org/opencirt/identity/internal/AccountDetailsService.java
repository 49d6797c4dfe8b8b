package org.opencirt.identity.internal;

import java.time.Clock;
import org.opencirt.identity.UserAccount;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads accounts for form login, HTTP Basic and API tokens. */
@Service
public class AccountDetailsService implements UserDetailsService {

    private final UserRepository users;
    private final Clock clock = Clock.systemUTC();

    public AccountDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserPrincipal loadUserByUsername(String username) {
        UserAccount account = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return principal(account);
    }

    public UserPrincipal loadById(long id) {
        return principal(users.findById(id).orElseThrow(() -> new UsernameNotFoundException("unknown user")));
    }

    private UserPrincipal principal(UserAccount account) {
        return new UserPrincipal(account, users.passwordHash(account.id()).orElseThrow(), clock.instant());
    }
}
