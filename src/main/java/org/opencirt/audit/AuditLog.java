package org.opencirt.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Append-only, hash-chained record of every change. Callers record inside their own transaction, so a
 * change and its audit entry are committed together or not at all. Appends are serialised on the
 * chain head row; each entry's hash covers its content and the previous hash.
 */
@Service
public class AuditLog {

    private static final String SEPARATOR = "\u001f";
    private static final int VERIFY_FETCH_SIZE = 5_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json) {
        this.jdbc = jdbc;
        // verify() streams the whole chain: fetch in chunks, or PostgreSQL's driver holds every row in memory
        this.jdbcTemplate = new JdbcTemplate(jdbcTemplate.getDataSource());
        this.jdbcTemplate.setFetchSize(VERIFY_FETCH_SIZE);
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /**
     * Appends an entry. {@code before} and {@code after} are serialised to JSON (null for creation and deletion).
     */
    @Transactional
    public AuditEntry record(String action, String entityType, Object entityId, String summary, Object before,
            Object after) {
        return append(currentActor(), AuditChannel.current(), action, entityType,
                entityId == null ? null : String.valueOf(entityId), summary, toJson(before), toJson(after));
    }

    /** Appends an entry for an actor who is not (yet) authenticated, such as a failed login. */
    @Transactional
    public AuditEntry recordAs(String actor, String action, String entityType, Object entityId, String summary) {
        return append(actor, AuditChannel.current(), action, entityType,
                entityId == null ? null : String.valueOf(entityId), summary, null, null);
    }

    private AuditEntry append(String actor, AuditChannel channel, String action, String entityType, String entityId,
            String summary, String before, String after) {
        Head head = jdbc.sql("select last_seq, last_hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
        long seq = head.seq() + 1;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String shortSummary = summary == null ? null : summary.substring(0, Math.min(500, summary.length()));
        String hash = hash(head.hash(), seq, now, actor, channel.name(), action, entityType, entityId, shortSummary,
                before, after);
        jdbc.sql("""
                insert into audit_entry (seq, occurred_at, actor, channel, action, entity_type, entity_id, summary,
                                         before_state, after_state, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), actor, channel.name(), action, entityType,
                        entityId, shortSummary, before, after, head.hash(), hash)
                .update();
        jdbc.sql("update audit_head set last_seq = ?, last_hash = ? where id = 1").params(seq, hash).update();
        return new AuditEntry(seq, now, actor, channel.name(), action, entityType, entityId, shortSummary, before, after,
                head.hash(), hash);
    }

    @Transactional(readOnly = true)
    public PageResult<AuditEntry> search(AuditQuery query, PageRequest page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        addFilter(where, params, "actor", query.actor());
        addFilter(where, params, "action", query.action());
        addFilter(where, params, "entity_type", query.entityType());
        addFilter(where, params, "entity_id", query.entityId());
        addFilter(where, params, "channel", query.channel());
        if (query.from() != null) {
            where.append(" and occurred_at >= ?");
            params.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        }
        if (query.to() != null) {
            where.append(" and occurred_at < ?");
            params.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        }
        long total = jdbc.sql("select count(*) from audit_entry" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        List<AuditEntry> items = jdbc.sql("select * from audit_entry" + where + " order by seq desc limit ? offset ?")
                .params(pageParams)
                .query((rs, n) -> map(rs))
                .list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /**
     * Recomputes every link from the first entry up to the chain head as it is when verification starts (entries
     * appended meanwhile are left for the next run); reports the first one that does not match.
     */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        Head head = jdbc.sql("select last_seq, last_hash from audit_head where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        Verifier verifier = new Verifier();
        jdbcTemplate.query("select * from audit_entry where seq <= ? order by seq", rs -> {
            if (verifier.broken == null) {
                verifier.check(map(rs));
            }
        }, head.seq());
        if (verifier.broken != null) {
            return new ChainVerification(false, verifier.checked, verifier.broken, verifier.reason);
        }
        if (head.seq() != verifier.expectedSeq - 1 || !head.hash().equals(verifier.previousHash)) {
            return new ChainVerification(false, verifier.checked, verifier.expectedSeq,
                    "the chain ends before its recorded head (entries after " + (verifier.expectedSeq - 1)
                            + " are missing)");
        }
        return new ChainVerification(true, verifier.checked, null, null);
    }

    private final class Verifier {
        private String previousHash = "0".repeat(64);
        private long expectedSeq = 1;
        private long checked;
        private Long broken;
        private String reason;

        void check(AuditEntry entry) {
            checked++;
            if (entry.seq() != expectedSeq) {
                fail(expectedSeq, "entry " + expectedSeq + " is missing");
            } else if (!entry.prevHash().equals(previousHash)) {
                fail(entry.seq(), "previous-hash link does not match entry " + (entry.seq() - 1));
            } else if (!entry.hash().equals(hash(entry.prevHash(), entry.seq(), entry.occurredAt(), entry.actor(),
                    entry.channel(), entry.action(), entry.entityType(), entry.entityId(), entry.summary(),
                    entry.before(), entry.after()))) {
                fail(entry.seq(), "content of entry " + entry.seq() + " does not match its hash");
            }
            previousHash = entry.hash();
            expectedSeq = entry.seq() + 1;
        }

        private void fail(long seq, String why) {
            broken = seq;
            reason = why;
        }
    }

    private static void addFilter(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" and ").append(column).append(" = ?");
            params.add(value.trim());
        }
    }

    private static AuditEntry map(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("channel"), rs.getString("action"), rs.getString("entity_type"),
                rs.getString("entity_id"), rs.getString("summary"), rs.getString("before_state"),
                rs.getString("after_state"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    static String hash(String previousHash, long seq, Instant at, String... fields) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder canonical = new StringBuilder()
                    .append(previousHash).append(SEPARATOR).append(seq).append(SEPARATOR).append(at.toEpochMilli());
            for (String field : fields) {
                // length-prefixed, so that moving text between fields changes the hash
                canonical.append(SEPARATOR).append(field == null ? -1 : field.length()).append(':')
                        .append(field == null ? "" : field);
            }
            return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private String toJson(Object state) {
        if (state == null) {
            return null;
        }
        return state instanceof String text ? text : json.writeValueAsString(state);
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return "system";
        }
        if (authentication instanceof AnonymousAuthenticationToken) {
            // a visitor of a public page (the report form), not the system's own work
            return "anonymous";
        }
        return authentication.getName();
    }

    private record Head(long seq, String hash) {
    }
}
