package org.opencirt.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.opencirt.audit.AuditLog;
import org.opencirt.common.FieldProblem;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.SqlSupport;
import org.opencirt.pipeline.internal.intake.FeedParsers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feeds: created, listed and changed here only, validated so that a feed always yields a working parser (and a
 * fetchable URL and compilable mail match when it has those sources), and every change audited in the same
 * transaction, because a feed's settings decide what is stored and who is told.
 */
@Service
public class FeedService {

    static final Set<String> PARSERS = Set.of("shadowserver", "csv", "jsonlines");
    private static final Duration MAX_PULL_INTERVAL = Duration.ofDays(31);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final FeedParsers parsers;
    private final Duration minPullInterval;
    private final Clock clock = Clock.systemUTC();

    public FeedService(JdbcClient jdbc, AuditLog audit, FeedParsers parsers,
            @Value("${opencirt.pipeline.pull.min-interval:1m}") Duration minPullInterval) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.parsers = parsers;
        this.minPullInterval = minPullInterval;
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
        ConfigNames.requireUnique(jdbc, "feed", "feed", candidate.name(), 0);
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
        writeSources(id, candidate, null, now);
        Feed created = get(id);
        audit.record("FEED_CREATED", "feed", id, "Feed " + created.name() + " created", null, created);
        return created;
    }

    @Transactional
    public Feed update(long id, Feed.Input input) {
        Feed before = get(id);
        Feed candidate = validate(id, input, before);
        ConfigNames.requireUnique(jdbc, "feed", "feed", candidate.name(), id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql("""
                update feed set name = ?, parser = ?, report_type = ?, config = ?, classification_type = ?, tlp = ?,
                                accuracy = ?, enabled = ?, updated_at = ?
                where id = ?""")
                .params(candidate.name(), candidate.parser(), candidate.reportType(), candidate.config(),
                        candidate.classificationType(), candidate.tlp(), candidate.accuracy(), candidate.enabled(),
                        SqlSupport.utc(now), id)
                .update();
        writeSources(id, candidate, before, now);
        Feed after = get(id);
        audit.record("FEED_UPDATED", "feed", id, "Feed " + after.name() + " changed", before, after);
        return after;
    }

    /** Stores the pull and mail sources; a new or changed pull is due at once. */
    private void writeSources(long id, Feed candidate, Feed before, Instant now) {
        Feed.Pull pull = candidate.pull();
        if (pull == null) {
            jdbc.sql("""
                    update feed set pull_url = null, pull_interval_seconds = null, pull_next_at = null,
                        pull_last_at = null, pull_last_outcome = null, pull_last_error = null, pull_last_input_id = null,
                        pull_last_success_at = null, pull_etag = null, pull_last_modified = null
                    where id = ?""").param(id).update();
        } else if (before == null || !pull.equals(before.pull())) {
            boolean sameUrl = before != null && before.pull() != null && before.pull().url().equals(pull.url());
            jdbc.sql("""
                    update feed set pull_url = ?, pull_interval_seconds = ?, pull_next_at = ?,
                        pull_etag = case when ? then pull_etag end,
                        pull_last_modified = case when ? then pull_last_modified end
                    where id = ?""")
                    .params(pull.url(), Duration.parse(pull.interval()).toSeconds(), SqlSupport.utc(now), sameUrl,
                            sameUrl, id)
                    .update();
        }
        Feed.MailMatch mail = candidate.mail();
        jdbc.sql("update feed set mail_sender = ?, mail_subject = ?, mail_file_name = ? where id = ?")
                .params(mail == null ? null : mail.sender(), mail == null ? null : mail.subject(),
                        mail == null ? null : mail.fileName(), id)
                .update();
    }

    private Feed validate(long id, Feed.Input input, Feed before) {
        if (input == null) {
            throw new InvalidInputException("body", "is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = ConfigNames.name(input.name(), problems);
        String parser = ConfigNames.trimmed(input.parser()) == null ? null : input.parser().strip().toLowerCase(Locale.ROOT);
        if (parser == null || !PARSERS.contains(parser)) {
            problems.add(new FieldProblem("parser", "must be one of " + String.join(", ", PARSERS.stream().sorted()
                    .toList())));
        }
        String tlp = ConfigNames.trimmed(input.tlp()) == null ? "AMBER" : input.tlp();
        String classification = ConfigNames.trimmed(input.classificationType());
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
        String reportType = ConfigNames.trimmed(input.reportType());
        if ("shadowserver".equals(parser) && reportType == null) {
            problems.add(new FieldProblem("reportType", "is required for a Shadowserver feed"));
        }
        Feed.Pull pull = input.pull() == null ? before == null ? null : before.pull() : pull(input.pull(), problems);
        Feed.MailMatch mail = input.mail() == null ? before == null ? null : before.mail()
                : mail(input.mail(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        boolean enabled = input.enabled() == null ? before == null || before.enabled() : input.enabled();
        Feed feed = new Feed(id, name, parser, reportType, ConfigNames.trimmed(input.config()), classification, tlp, accuracy,
                enabled, null, null, pull, mail, null);
        try {
            parsers.parserFor(feed);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(reportType != null && e.getMessage().contains("report type")
                    ? "reportType" : "config", e.getMessage());
        }
        return feed;
    }

    /** The pull as stored (interval in ISO-8601), null when it has no URL; problems are added. */
    private Feed.Pull pull(Feed.Pull input, List<FieldProblem> problems) {
        String url = ConfigNames.trimmed(input.url());
        if (url == null) {
            return null;
        }
        int before = problems.size();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                problems.add(new FieldProblem("pull.url", "must be an absolute http or https URL"));
            } else if (url.length() > 2000) {
                problems.add(new FieldProblem("pull.url", "must be at most 2000 characters"));
            }
        } catch (URISyntaxException e) {
            problems.add(new FieldProblem("pull.url", "is not a valid URL: " + e.getReason()));
        }
        Duration interval = null;
        String text = ConfigNames.trimmed(input.interval());
        if (text == null) {
            problems.add(new FieldProblem("pull.interval", "is required with a URL, such as 1h or PT1H"));
        } else {
            try {
                interval = DurationStyle.detectAndParse(text);
                if (interval.compareTo(minPullInterval) < 0 || interval.compareTo(MAX_PULL_INTERVAL) > 0) {
                    problems.add(new FieldProblem("pull.interval", "must be between " + minPullInterval
                            + " and " + MAX_PULL_INTERVAL));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("pull.interval", "is not a duration, such as 1h or PT1H"));
            }
        }
        return problems.size() > before ? null : new Feed.Pull(url, interval.toString());
    }

    /** The mail match as stored, null when no part is given; problems are added. */
    private static Feed.MailMatch mail(Feed.MailMatch input, List<FieldProblem> problems) {
        String sender = ConfigNames.trimmed(input.sender());
        String subject = ConfigNames.trimmed(input.subject());
        String fileName = ConfigNames.trimmed(input.fileName());
        if (sender == null && subject == null && fileName == null) {
            return null;
        }
        if (sender != null && (sender.length() > 320 || !sender.matches("[^@\\s]+@[^@\\s]+"))) {
            problems.add(new FieldProblem("mail.sender", "must be one e-mail address, such as reports@example.org"));
        }
        regex(subject, "mail.subject", problems);
        regex(fileName, "mail.fileName", problems);
        return new Feed.MailMatch(sender == null ? null : sender.toLowerCase(Locale.ROOT), subject, fileName);
    }

    private static void regex(String text, String field, List<FieldProblem> problems) {
        if (text == null) {
            return;
        }
        if (text.length() > 500) {
            problems.add(new FieldProblem(field, "must be at most 500 characters"));
            return;
        }
        try {
            Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            problems.add(new FieldProblem(field, "is not a regular expression: " + e.getDescription()));
        }
    }

    static Feed map(ResultSet rs) throws SQLException {
        int accuracy = rs.getInt("accuracy");
        Integer accuracyValue = rs.wasNull() ? null : accuracy;
        String pullUrl = rs.getString("pull_url");
        Feed.Pull pull = pullUrl == null ? null
                : new Feed.Pull(pullUrl, Duration.ofSeconds(rs.getLong("pull_interval_seconds")).toString());
        Instant lastAttempt = SqlSupport.instant(rs, "pull_last_at");
        Feed.PullStatus status = pull == null ? null : new Feed.PullStatus(lastAttempt,
                rs.getString("pull_last_outcome"), rs.getString("pull_last_error"),
                SqlSupport.nullableLong(rs, "pull_last_input_id"), SqlSupport.instant(rs, "pull_last_success_at"),
                SqlSupport.instant(rs, "pull_next_at"));
        String sender = rs.getString("mail_sender");
        String subject = rs.getString("mail_subject");
        String fileName = rs.getString("mail_file_name");
        Feed.MailMatch mail = sender == null && subject == null && fileName == null ? null
                : new Feed.MailMatch(sender, subject, fileName);
        return new Feed(rs.getLong("id"), rs.getString("name"), rs.getString("parser"), rs.getString("report_type"),
                rs.getString("config"), rs.getString("classification_type"), rs.getString("tlp"), accuracyValue,
                rs.getBoolean("enabled"), SqlSupport.instant(rs, "created_at"), SqlSupport.instant(rs, "updated_at"),
                pull, mail, status);
    }
}
