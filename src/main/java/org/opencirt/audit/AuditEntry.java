package org.opencirt.audit;

import java.time.Instant;

/** One link of the audit chain: who did what to which record, with its state before and after (JSON). */
public record AuditEntry(long seq, Instant occurredAt, String actor, String channel, String action,
        String entityType, String entityId, String summary, String before, String after,
        String prevHash, String hash) {
}
