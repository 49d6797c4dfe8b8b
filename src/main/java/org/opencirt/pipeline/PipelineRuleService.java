package org.opencirt.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.opencirt.audit.AuditLog;
import org.opencirt.common.FieldProblem;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.SqlSupport;
import org.opencirt.constituency.TeamService;
import org.opencirt.pipeline.internal.rules.CompiledRules;
import org.opencirt.pipeline.internal.rules.RuleCondition;
import org.opencirt.pipeline.internal.rules.RuleField;
import org.opencirt.pipeline.internal.rules.RuleProblem;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processing rules: created, listed and changed here only, validated field by field so that a saved rule always
 * compiles (known fields, values that fit them, regular expressions, networks, an existing feed and team), and every
 * change audited in the same transaction, because a rule decides which events are kept and who is told. Changing a
 * de-duplication rule's key or deleting the rule forgets the keys it remembered.
 */
@Service
public class PipelineRuleService {

    private static final TypeReference<List<PipelineRule.Condition>> CONDITIONS = new TypeReference<>() {
    };
    private static final Duration MAX_WINDOW = Duration.ofDays(366);
    private static final int DEFAULT_POSITION = 100;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final FeedService feeds;
    private final TeamService teams;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    public PipelineRuleService(JdbcClient jdbc, AuditLog audit, FeedService feeds, TeamService teams,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.feeds = feeds;
        this.teams = teams;
        this.json = json;
    }

    /** Rules of one feed (with {@code feedId}) or all, in evaluation order (position, then id). */
    @Transactional(readOnly = true)
    public List<PipelineRule> list(Long feedId) {
        SqlSupport.Where where = new SqlSupport.Where().equal("feed_id", feedId);
        return jdbc.sql("select * from pipeline_rule" + where.sql() + " order by sort_order, id")
                .params(where.params()).query((rs, n) -> map(rs)).list();
    }

    /** The enabled rules that apply to a feed's events: its own and the global ones, in evaluation order. */
    @Transactional(readOnly = true)
    public List<PipelineRule> applyingTo(long feedId) {
        return jdbc.sql("""
                select * from pipeline_rule where enabled = true and (feed_id is null or feed_id = ?)
                order by sort_order, id""").param(feedId).query((rs, n) -> map(rs)).list();
    }

    @Transactional(readOnly = true)
    public PipelineRule get(long id) {
        return jdbc.sql("select * from pipeline_rule where id = ?").param(id).query((rs, n) -> map(rs)).optional()
                .orElseThrow(() -> new NotFoundException("Pipeline rule", id));
    }

    @Transactional
    public PipelineRule create(PipelineRule.Input input) {
        PipelineRule rule = validate(0, input, null);
        ConfigNames.requireUnique(jdbc, "pipeline_rule", "pipeline rule", rule.name(), 0);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into pipeline_rule (name, feed_id, sort_order, action, match_json, dedup_key, window_seconds,
                                           team_id, severity, enabled, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(columns(rule, now, now)).update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        PipelineRule created = get(id);
        audit.record("PIPELINE_RULE_CREATED", "pipeline_rule", id, "Rule " + created.name() + " created", null,
                created);
        return created;
    }

    @Transactional
    public PipelineRule update(long id, PipelineRule.Input input) {
        PipelineRule before = get(id);
        PipelineRule rule = validate(id, input, before);
        ConfigNames.requireUnique(jdbc, "pipeline_rule", "pipeline rule", rule.name(), id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Object> params = new ArrayList<>(Arrays.asList(columns(rule, before.createdAt(), now)));
        params.add(id);
        jdbc.sql("""
                update pipeline_rule set name = ?, feed_id = ?, sort_order = ?, action = ?, match_json = ?,
                    dedup_key = ?, window_seconds = ?, team_id = ?, severity = ?, enabled = ?, created_at = ?,
                    updated_at = ?
                where id = ?""").params(params).update();
        if (!Objects.equals(before.key(), rule.key()) || !before.action().equals(rule.action())) {
            forgetKeys(id);
        }
        PipelineRule after = get(id);
        audit.record("PIPELINE_RULE_UPDATED", "pipeline_rule", id, "Rule " + after.name() + " changed", before,
                after);
        return after;
    }

    @Transactional
    public void delete(long id) {
        PipelineRule before = get(id);
        forgetKeys(id);
        jdbc.sql("delete from pipeline_rule where id = ?").param(id).update();
        audit.record("PIPELINE_RULE_DELETED", "pipeline_rule", id, "Rule " + before.name() + " deleted", before,
                null);
    }

    private void forgetKeys(long ruleId) {
        jdbc.sql("delete from dedup_state where rule_id = ?").param(ruleId).update();
    }

    private Object[] columns(PipelineRule rule, Instant createdAt, Instant updatedAt) {
        return new Object[] {rule.name(), rule.feedId(), rule.position(), rule.action(),
                rule.match().isEmpty() ? null : json.writeValueAsString(rule.match()),
                rule.key() == null ? null : String.join(",", rule.key()),
                rule.window() == null ? null : Duration.parse(rule.window()).toSeconds(), rule.teamId(),
                rule.severity(), rule.enabled(), SqlSupport.utc(createdAt), SqlSupport.utc(updatedAt)};
    }

    private PipelineRule validate(long id, PipelineRule.Input input, PipelineRule before) {
        if (input == null) {
            throw new InvalidInputException("body", "is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = ConfigNames.name(input.name(), problems);
        if (input.feedId() != null && !exists(() -> feeds.get(input.feedId()))) {
            problems.add(new FieldProblem("feedId", "no feed has id " + input.feedId()));
        }
        int position = input.position() == null ? DEFAULT_POSITION : input.position();
        if (position < 0 || position > 100_000) {
            problems.add(new FieldProblem("position", "must be between 0 and 100000"));
        }
        String action = ConfigNames.trimmed(input.action()) == null ? null : input.action().strip().toLowerCase(Locale.ROOT);
        if (action == null || !CompiledRules.ACTIONS.contains(action)) {
            problems.add(new FieldProblem("action", "must be one of " + String.join(", ", CompiledRules.ACTIONS)));
        }
        List<PipelineRule.Condition> match = input.match() == null ? List.of() : input.match();
        if (match.size() > 50) {
            problems.add(new FieldProblem("match", "has at most 50 conditions"));
        }
        for (int i = 0; i < match.size(); i++) {
            try {
                RuleCondition.compile(match.get(i));
            } catch (RuleProblem e) {
                problems.add(new FieldProblem("match[" + i + "]" + (e.part().isEmpty() ? "" : "." + e.part()),
                        e.getMessage()));
            }
        }
        boolean dedup = CompiledRules.DEDUPLICATE.equals(action);
        List<String> key = dedup ? key(input.key(), problems) : null;
        String window = dedup ? window(input.window(), problems) : null;
        if (!dedup) {
            forbid(input.key() != null && !input.key().isEmpty(), "key", problems);
            forbid(ConfigNames.trimmed(input.window()) != null, "window", problems);
        }
        Long teamId = input.teamId();
        if (CompiledRules.ROUTE.equals(action)) {
            if (teamId == null) {
                problems.add(new FieldProblem("teamId", "is required to route"));
            } else if (!exists(() -> teams.get(teamId))) {
                problems.add(new FieldProblem("teamId", "no team has id " + teamId));
            }
        } else {
            forbid(teamId != null, "teamId", problems);
        }
        String severity = ConfigNames.trimmed(input.severity()) == null ? null
                : input.severity().strip().toLowerCase(Locale.ROOT);
        if (CompiledRules.INCIDENT.equals(action)) {
            if (severity != null && !CompiledRules.SEVERITIES.contains(severity)) {
                problems.add(new FieldProblem("severity", "must be one of "
                        + String.join(", ", CompiledRules.SEVERITIES)));
            }
        } else if (CompiledRules.SEVERITY.equals(action)) {
            if (severity == null || !CompiledRules.SEVERITIES.contains(severity)) {
                problems.add(new FieldProblem("severity", "must be one of "
                        + String.join(", ", CompiledRules.SEVERITIES)));
            }
        } else {
            forbid(severity != null, "severity", problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        boolean enabled = input.enabled() == null ? before == null || before.enabled() : input.enabled();
        return new PipelineRule(id, name, input.feedId(), position, action, match, key, window, teamId, severity,
                enabled, null, null);
    }

    private static boolean exists(Runnable lookup) {
        try {
            lookup.run();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static void forbid(boolean given, String field, List<FieldProblem> problems) {
        if (given) {
            problems.add(new FieldProblem(field, "does not apply to this action"));
        }
    }

    private static List<String> key(List<String> input, List<FieldProblem> problems) {
        if (input == null || input.isEmpty() || input.size() > 20) {
            problems.add(new FieldProblem("key", "needs 1 to 20 field names, such as source.ip, source.port"));
            return null;
        }
        List<String> key = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            try {
                key.add(RuleField.of(input.get(i)).name());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("key[" + i + "]", e.getMessage()));
            }
        }
        return key;
    }

    private static String window(String input, List<FieldProblem> problems) {
        String text = ConfigNames.trimmed(input);
        if (text == null) {
            problems.add(new FieldProblem("window", "is required to de-duplicate, such as 24h or P7D"));
            return null;
        }
        try {
            Duration window = DurationStyle.detectAndParse(text);
            if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
                problems.add(new FieldProblem("window", "must be between 1s and 366d"));
                return null;
            }
            return window.toString();
        } catch (RuntimeException e) {
            problems.add(new FieldProblem("window", "is not a duration, such as 24h or P7D"));
            return null;
        }
    }

    private PipelineRule map(ResultSet rs) throws SQLException {
        String matchJson = rs.getString("match_json");
        String key = rs.getString("dedup_key");
        Long window = SqlSupport.nullableLong(rs, "window_seconds");
        return new PipelineRule(rs.getLong("id"), rs.getString("name"), SqlSupport.nullableLong(rs, "feed_id"),
                rs.getInt("sort_order"), rs.getString("action"),
                matchJson == null ? List.of() : json.readValue(matchJson, CONDITIONS),
                key == null ? null : List.of(key.split(",")),
                window == null ? null : Duration.ofSeconds(window).toString(), SqlSupport.nullableLong(rs, "team_id"),
                rs.getString("severity"), rs.getBoolean("enabled"), SqlSupport.instant(rs, "created_at"),
                SqlSupport.instant(rs, "updated_at"));
    }
}
