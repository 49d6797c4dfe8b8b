package org.opencirt.test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.opencirt.audit.AuditEntry;
import org.opencirt.audit.AuditLog;
import org.opencirt.audit.ChainVerification;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Raw SQL on the audit table, bypassing {@link AuditLog}, as an attacker with database access
 * would: tests tamper with entries to prove that verification notices, then put them back so that the shared
 * test database stays intact for the next test.
 */
public final class AuditRows {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public AuditRows(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Tampers with the database, verifies the chain, then restores {@code victim} whatever happened. */
    public ChainVerification verifyTampered(AuditEntry victim, Runnable tampering) {
        try {
            tampering.run();
            return audit.verify();
        } finally {
            restore(victim);
        }
    }

    public void changeSummary(long seq, String summary) {
        jdbc.sql("update audit_entry set summary = ? where seq = ?").params(summary, seq).update();
    }

    public void delete(long seq) {
        jdbc.sql("delete from audit_entry where seq = ?").param(seq).update();
    }

    /** Writes an entry back exactly as it was (after {@link #delete} or {@link #changeSummary}). */
    public void restore(AuditEntry entry) {
        delete(entry.seq());
        jdbc.sql("""
                insert into audit_entry (seq, occurred_at, actor, channel, action, entity_type, entity_id, summary,
                                         before_state, after_state, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(entry.seq(), OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC), entry.actor(),
                        entry.channel(), entry.action(), entry.entityType(), entry.entityId(), entry.summary(),
                        entry.before(), entry.after(), entry.prevHash(), entry.hash())
                .update();
    }
}
