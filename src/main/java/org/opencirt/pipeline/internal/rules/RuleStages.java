package org.opencirt.pipeline.internal.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

import org.opencirt.common.NotFoundException;
import org.opencirt.common.SqlSupport;
import org.opencirt.constituency.TeamService;
import org.opencirt.pipeline.PipelineRule;
import org.opencirt.pipeline.PipelineRuleService;
import org.opencirt.pipeline.internal.stage.EventSink;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the rule stage in front of the store for one input run, with the rules that apply to its feed as they are
 * when the run starts; a feed without rules gets no stage at all (no cost). Also prunes each de-duplication rule's
 * keys not written for longer than its window, at most once an hour.
 */
@Component
public class RuleStages {

    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final PipelineRuleService rules;
    private final TeamService teams;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AutomaticIncidents incidents;
    private final Map<Long, Instant> pruned = new ConcurrentHashMap<>();

    public RuleStages(PipelineRuleService rules, TeamService teams, JdbcTemplate jdbc,
            TransactionTemplate transactions, AutomaticIncidents incidents) {
        this.rules = rules;
        this.incidents = incidents;
        this.teams = teams;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * The sink that applies the feed's rules, then passes on to {@code next}; {@code next} itself when the feed has
     * no rule.
     *
     * @param wanted the lines {@code next} stores in this run
     * @param replay whether the run replays quarantined lines
     */
    public EventSink wrap(long feedId, long inputId, LongPredicate wanted, boolean replay, EventSink next) {
        List<PipelineRule> applying = rules.applyingTo(feedId);
        boolean needsOwnerFacts = applying.stream().anyMatch(rule -> rule.match() != null && rule.match().stream()
                .anyMatch(condition -> condition.field() != null && condition.field().contains("organisation.critical")));
        CompiledRules compiled = CompiledRules.compile(applying, this::teamName,
                needsOwnerFacts ? incidents.criticalOwners() : id -> false);
        if (compiled.isEmpty()) {
            return next;
        }
        for (CompiledRules.Dedup dedup : compiled.dedups()) {
            prune(dedup);
        }
        Long rulesLine = jdbc.queryForObject("select rules_line from raw_input where id = ?", Long.class, inputId);
        return new RuleStage(compiled, new JdbcRuleLedger(jdbc, transactions, inputId,
                rulesLine == null ? 0 : rulesLine, replay), wanted, next,
                compiled.incidents().length == 0 ? null : incidents.opener(feedName(feedId)));
    }

    private String feedName(long feedId) {
        return jdbc.queryForObject("select name from feed where id = ?", String.class, feedId);
    }

    private String teamName(long teamId) {
        try {
            return teams.get(teamId).name();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private void prune(CompiledRules.Dedup dedup) {
        Instant now = Instant.now();
        Instant last = pruned.get(dedup.ruleId());
        if (last != null && last.plus(PRUNE_EVERY).isAfter(now)) {
            return;
        }
        pruned.put(dedup.ruleId(), now);
        jdbc.update("delete from dedup_state where rule_id = ? and updated_at < ?", dedup.ruleId(),
                SqlSupport.utc(now.minusMillis(dedup.windowMillis())));
    }
}
