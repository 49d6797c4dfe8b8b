package org.opencirt.identity;

import java.time.Instant;

/** A personal API token as listed: never the secret, which is shown once at creation and stored hashed. */
public record ApiToken(long id, long userId, String name, String prefix, Instant createdAt, Instant expiresAt,
        Instant lastUsedAt, Instant revokedAt) {

    public boolean active(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
