package org.opencirt.identity;

import java.time.Instant;

/** A user as shown to administrators; never carries the password hash. */
public record UserAccount(long id, String username, String displayName, String email, Role role,
        Long organisationId, boolean enabled, int failedLogins, Instant lockedUntil, String locale,
        Instant createdAt) {

    public boolean locked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
