package org.opencirt.pipeline.internal.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.PipelineRule;

/**
 * The rules that apply to one feed, compiled once per input: filter rules in order, then the de-duplication rules.
 * Immutable; what a run remembers between batches lives in the {@link RuleLedger}.
 */
public final class CompiledRules {

    /** Severities from lowest to highest; {@code severity} rules only ever raise. */
    public static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");
    public static final String DROP = "drop";
    public static final String KEEP = "keep";
    public static final String ROUTE = "route";
    public static final String SEVERITY = "severity";
    public static final String DEDUPLICATE = "deduplicate";
    /** Opens an incident for the kept events it matches (one per rule, organisation, type and day). */
    public static final String INCIDENT = "incident";
    public static final List<String> ACTIONS = List.of(DROP, KEEP, ROUTE, SEVERITY, DEDUPLICATE, INCIDENT);

    private final Filter[] filters;
    private final Dedup[] dedups;
    private final IncidentRule[] incidents;

    private CompiledRules(Filter[] filters, Dedup[] dedups, IncidentRule[] incidents) {
        this.filters = filters;
        this.dedups = dedups;
        this.incidents = incidents;
    }

    /**
     * Compiles enabled rules (already valid: the rule service refuses others), ordered by position then id.
     *
     * @param teamNames the name of a team by id (null when it no longer exists), for {@code route}
     */
    public static CompiledRules compile(List<PipelineRule> rules, LongFunction<String> teamNames) {
        return compile(rules, teamNames, id -> false);
    }

    /**
     * As {@link #compile(List, LongFunction)}, with the owner facts conditions may test.
     *
     * @param ownerIsCritical whether an organisation (by id) is in a critical infrastructure sector
     */
    public static CompiledRules compile(List<PipelineRule> rules, LongFunction<String> teamNames,
            LongPredicate ownerIsCritical) {
        List<Filter> filters = new ArrayList<>();
        List<Dedup> dedups = new ArrayList<>();
        List<IncidentRule> incidents = new ArrayList<>();
        rules.stream().filter(PipelineRule::enabled)
                .sorted(Comparator.comparingInt(PipelineRule::position).thenComparingLong(PipelineRule::id))
                .forEach(rule -> {
                    RuleCondition[] match = rule.match() == null ? new RuleCondition[0]
                            : rule.match().stream().map(RuleCondition::compile)
                                    .map(condition -> condition.withOwnerFacts(ownerIsCritical))
                                    .toArray(RuleCondition[]::new);
                    if (rule.action().equals(INCIDENT)) {
                        incidents.add(new IncidentRule(rule.id(), rule.name(), match,
                                rule.severity() == null ? "high" : rule.severity()));
                    } else if (rule.action().equals(DEDUPLICATE)) {
                        dedups.add(new Dedup(rule.id(), match,
                                rule.key().stream().map(RuleField::of).toArray(RuleField[]::new),
                                Duration.parse(rule.window()).toMillis()));
                    } else {
                        filters.add(new Filter(rule.action(), match, rule.teamId(),
                                rule.teamId() == null ? null : teamNames.apply(rule.teamId()),
                                rule.severity() == null ? -1 : SEVERITIES.indexOf(rule.severity())));
                    }
                });
        return new CompiledRules(filters.toArray(Filter[]::new), dedups.toArray(Dedup[]::new),
                incidents.toArray(IncidentRule[]::new));
    }

    public boolean isEmpty() {
        return filters.length == 0 && dedups.length == 0 && incidents.length == 0;
    }

    /** The rules that open incidents, in order. */
    public IncidentRule[] incidents() {
        return incidents;
    }

    /** A rule that opens an incident, with the severity the incident gets. */
    public record IncidentRule(long ruleId, String name, RuleCondition[] match, String severity) {

        public boolean applies(Event event) {
            return matches(match, event);
        }
    }

    /** The de-duplication rules, in order. */
    public Dedup[] dedups() {
        return dedups;
    }

    /**
     * Runs the filter rules on an event: routes and raises severity on it as they say.
     *
     * @return false when a {@code drop} rule dropped it
     */
    public boolean filter(Event event) {
        for (Filter filter : filters) {
            if (!matches(filter.match(), event)) {
                continue;
            }
            switch (filter.action()) {
                case DROP -> {
                    return false;
                }
                case KEEP -> {
                    return true;
                }
                case ROUTE -> {
                    event.setExtra("team.id", filter.teamId());
                    event.setExtra("team.name", filter.teamName());
                }
                case SEVERITY -> {
                    Object current = event.extra().get("severity");
                    int rank = current == null ? -1 : SEVERITIES.indexOf(current.toString().toLowerCase());
                    if (filter.severity() > rank) {
                        event.setExtra("severity", SEVERITIES.get(filter.severity()));
                    }
                }
                default -> throw new IllegalStateException("unknown action " + filter.action());
            }
        }
        return true;
    }

    static boolean matches(RuleCondition[] match, Event event) {
        for (RuleCondition condition : match) {
            if (!condition.test(event)) {
                return false;
            }
        }
        return true;
    }

    private record Filter(String action, RuleCondition[] match, Long teamId, String teamName, int severity) {
    }

    /** A de-duplication rule: which events it applies to, the key fields and the window in milliseconds. */
    public record Dedup(long ruleId, RuleCondition[] match, RuleField[] key, long windowMillis) {

        public boolean applies(Event event) {
            return matches(match, event);
        }

        /** 128 bits of SHA-256 over the key fields' values, as 32 hex digits. */
        public String keyHash(Event event, MessageDigest sha256) {
            sha256.reset();
            for (RuleField field : key) {
                String value = field.value(event);
                if (value == null) {
                    sha256.update((byte) 0);
                } else {
                    sha256.update((byte) 1);
                    sha256.update(value.getBytes(StandardCharsets.UTF_8));
                }
                sha256.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(sha256.digest(), 0, 16);
        }
    }
}
