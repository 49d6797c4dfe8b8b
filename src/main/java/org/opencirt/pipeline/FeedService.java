package org.opencirt.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.opencirt.audit.AuditLog;
import org.opencirt.common.ConflictException;
import org.opencirt.common.FieldProblem;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.SqlSupport;
import org.opencirt.pipeline.internal.intake.FeedParsers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feeds: created, listed and changed here only, validated so that a feed always yields a working parser, and every
 * change audited in the same transaction, because a feed's settings decide what is stored and who is told.
 */
@Service
public class FeedService {

    static final Set<String> PARSERS = Set.of("shadowserver", "csv", "jsonlines");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final FeedParsers parsers;
    private final Clock clock = Clock.systemUTC();

    public FeedService(JdbcClient jdbc, AuditLog audit, FeedParsers parsers) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.parsers = parsers;
    }

    @Transactional(readOnly = true)
    public List<Feed> list() {
        return jdbc.sql("select * from feed order by name").query((rs, n) -> map(rs)).list();
    }

    @Transactional(readOnly = true)
    public Feed get(long id) {
        return jdbc.sql("select * from feed where id = ?").param(id).query((rs, n) -> map(rs)).optional()
                .orElseThrow(() -> new NotFoundException("Feed", id));
    }

    @Transactional
    public Feed create(Feed.Input input) {
        Feed candidate = validate(0, input, null);
        requireUniqueName(candidate.name(), 0);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into feed (name, parser, report_type, config, classification_type, tlp, accuracy, enabled,
                                  created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(candidate.name(), candidate.parser(), candidate.reportType(), candidate.config(),
                        candidate.classificationType(), candidate.tlp(), candidate.accuracy(), candidate.enabled(),
                        SqlSupport.utc(now), SqlSupport.utc(now))
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        Feed created = get(id);
        audit.record("FEED_CREATED", "feed", id, "Feed " + created.name() + " created", null, created);
        return created;
    }

    @Transactional
    public Feed update(long id, Feed.Input input) {
        Feed before = get(id);
        Feed candidate = validate(id, input, before);
        requireUniqueName(candidate.name(), id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql("""
                update feed set name = ?, parser = ?, report_type = ?, config = ?, classification_type = ?, tlp = ?,
                                accuracy = ?, enabled = ?, updated_at = ?
                where id = ?""")
                .params(candidate.name(), candidate.parser(), candidate.reportType(), candidate.config(),
                        candidate.classificationType(), candidate.tlp(), candidate.accuracy(), candidate.enabled(),
                        SqlSupport.utc(now), id)
                .update();
        Feed after = get(id);
        audit.record("FEED_UPDATED", "feed", id, "Feed " + after.name() + " changed", before, after);
        return after;
    }

    private void requireUniqueName(String name, long id) {
        boolean taken = jdbc.sql("select count(*) from feed where lower(name) = lower(?) and id <> ?")
                .params(name, id).query(Long.class).single() > 0;
        if (taken) {
            throw new ConflictException("A feed named '" + name + "' already exists");
        }
    }

    private Feed validate(long id, Feed.Input input, Feed before) {
        if (input == null) {
            throw new InvalidInputException("body", "is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = trimmed(input.name());
        if (name == null || name.length() > 100) {
            problems.add(new FieldProblem("name", "is required, at most 100 characters"));
        }
        String parser = trimmed(input.parser()) == null ? null : input.parser().strip().toLowerCase(Locale.ROOT);
        if (parser == null || !PARSERS.contains(parser)) {
            problems.add(new FieldProblem("parser", "must be one of " + String.join(", ", PARSERS.stream().sorted()
                    .toList())));
        }
        String tlp = trimmed(input.tlp()) == null ? "AMBER" : input.tlp();
        String classification = trimmed(input.classificationType());
        Integer accuracy = input.accuracy();
        Event check = new Event();
        try {
            check.set(EventField.TLP, tlp);
            tlp = check.get(EventField.TLP);
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem("tlp", e.getMessage()));
        }
        try {
            check.set(EventField.CLASSIFICATION_TYPE, classification);
            classification = check.get(EventField.CLASSIFICATION_TYPE);
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem("classificationType", e.getMessage()));
        }
        if (accuracy != null && (accuracy < 0 || accuracy > 100)) {
            problems.add(new FieldProblem("accuracy", "must be between 0 and 100"));
        }
        String reportType = trimmed(input.reportType());
        if ("shadowserver".equals(parser) && reportType == null) {
            problems.add(new FieldProblem("reportType", "is required for a Shadowserver feed"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        boolean enabled = input.enabled() == null ? before == null || before.enabled() : input.enabled();
        Feed feed = new Feed(id, name, parser, reportType, trimmed(input.config()), classification, tlp, accuracy,
                enabled, null, null);
        try {
            parsers.parserFor(feed);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(reportType != null && e.getMessage().contains("report type")
                    ? "reportType" : "config", e.getMessage());
        }
        return feed;
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static Feed map(ResultSet rs) throws SQLException {
        int accuracy = rs.getInt("accuracy");
        Integer accuracyOrNull = rs.wasNull() ? null : accuracy;
        return new Feed(rs.getLong("id"), rs.getString("name"), rs.getString("parser"), rs.getString("report_type"),
                rs.getString("config"), rs.getString("classification_type"), rs.getString("tlp"), accuracyOrNull,
                rs.getBoolean("enabled"), SqlSupport.instant(rs, "created_at"), SqlSupport.instant(rs, "updated_at"));
    }
}
