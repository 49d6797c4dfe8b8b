package org.opencirt.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.opencirt.audit.AuditLog;
import org.opencirt.identity.UserAccount;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Locks an account after repeated wrong passwords, with a lock that doubles on each further failure
 * (capped at a day), and audits logins. Applies to form login and HTTP Basic alike.
 */
@Component
public class LoginAttempts {

    private static final Duration MAX_LOCK = Duration.ofDays(1);

    private final UserRepository users;
    private final AuditLog audit;
    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock = Clock.systemUTC();

    public LoginAttempts(UserRepository users, AuditLog audit,
            @Value("${opencirt.security.max-failed-logins:5}") int maxFailures,
            @Value("${opencirt.security.lockout:15m}") Duration lockout) {
        this.users = users;
        this.audit = audit;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    @EventListener
    @Transactional
    public void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        String username = String.valueOf(event.getAuthentication().getName());
        users.findByUsername(username).ifPresent(user -> {
            // incremented in the database, so that simultaneous wrong passwords are all counted
            int failures = users.incrementFailures(user.id());
            Instant lockedUntil = null;
            if (failures >= maxFailures) {
                long factor = 1L << Math.min(10, failures - maxFailures);
                Duration lock = lockout.multipliedBy(factor);
                lockedUntil = clock.instant().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
                users.lockUntil(user.id(), lockedUntil);
            }
            audit.recordAs(username, lockedUntil == null ? "LOGIN_FAILED" : "LOCKED", "user", user.id(),
                    lockedUntil == null ? "wrong password (" + failures + ")" : "locked until " + lockedUntil);
        });
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof UserPrincipal principal) {
            UserAccount account = principal.account();
            if (account.failedLogins() > 0) {
                users.clearFailures(account.id());
            }
        }
    }
}
