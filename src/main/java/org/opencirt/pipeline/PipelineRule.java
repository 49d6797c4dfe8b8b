package org.opencirt.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * A processing rule, applied to the events of one feed ({@code feedId}) or of every feed (null) between enrichment
 * and store, so that analysts decide by configuration what is kept, who handles it and how repeats are counted.
 * Filter rules ({@code drop}, {@code keep}, {@code route}, {@code severity}) run first, in {@code position} order
 * (then id); an event dropped there is gone, {@code keep} ends the filter rules for the event. Then every
 * {@code deduplicate} rule that matches the surviving event checks its key: a repeat of the same key within the
 * window (across inputs) is dropped and counted into the event kept for the key. See
 * docs/decisions/0008-feed-sources-and-rules.md and the README's rule format.
 *
 * @param action   {@code drop}, {@code keep}, {@code route} (to {@code teamId}: sets {@code extra.team.id} and
 *                 {@code extra.team.name}), {@code severity} (raises {@code extra.severity} to {@code severity}) or
 *                 {@code deduplicate} (over {@code key} within {@code window}) or {@code incident} (opens one
 *                 incident per rule, owner organisation, classification type and day for the kept events it
 *                 matches, with {@code severity}, default high)
 * @param match    conditions that must all hold for the rule to apply; empty: every event
 * @param key      IntelMQ field names whose values make the de-duplication key
 * @param window   how long a kept event's key suppresses repeats, ISO-8601 ({@code PT24H}); accepted as {@code 24h}
 * @param severity {@code info}, {@code low}, {@code medium}, {@code high} or {@code critical}
 */
public record PipelineRule(long id, String name, Long feedId, int position, String action, List<Condition> match,
        List<String> key, String window, Long teamId, String severity, boolean enabled, Instant createdAt,
        Instant updatedAt) {

    /**
     * One test on a field (an IntelMQ name such as {@code classification.type}, {@code extra.*}, or
     * {@code source.organisation.id}): exactly one of {@code equals}, {@code in}, {@code regex} (found in the value),
     * {@code network} (a CIDR that contains an IP field's address) or {@code exists}; {@code not} inverts it.
     */
    public record Condition(String field, String equals, List<String> in, String regex, String network,
            Boolean exists, Boolean not) {
    }

    /** What a client sends to create or change a rule; position defaults to 100 and enabled to true. */
    public record Input(String name, Long feedId, Integer position, String action, List<Condition> match,
            List<String> key, String window, Long teamId, String severity, Boolean enabled) {
    }
}
