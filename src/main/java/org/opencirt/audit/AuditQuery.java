package org.opencirt.audit;

import java.time.Instant;

/** Filters of the audit view; any of them may be null. */
public record AuditQuery(String actor, String action, String entityType, String entityId, String channel,
        Instant from, Instant to) {

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null);
    }
}
