package org.opencirt.pipeline.internal.rules;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongPredicate;

import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.internal.stage.EventBatch;
import org.opencirt.pipeline.internal.stage.EventSink;

/**
 * The rule stage, between enrichment and store: runs the filter rules on each event (drop, keep, route, raise
 * severity), then de-duplicates the survivors through the {@link RuleLedger}, and passes on a batch of the events it
 * keeps with the same line range, so that the store's checkpoint still covers every line. Lines the next stage does
 * not want (already stored before a resume, or not being replayed) pass through untouched and uncounted. Keeps no
 * events across calls (ADR 0005); its memory across batches is the ledger's table.
 */
public final class RuleStage implements EventSink {

    private final CompiledRules rules;
    private final RuleLedger ledger;
    private final LongPredicate wanted;
    private final EventSink next;
    private final AutomaticIncidents.Opener incidents;
    private final MessageDigest sha256;
    private final long now = System.currentTimeMillis();
    private long dropped;
    private long repeated;

    /**
     * @param wanted the lines the next stage will store (the others pass through unevaluated)
     */
    public RuleStage(CompiledRules rules, RuleLedger ledger, LongPredicate wanted, EventSink next) {
        this(rules, ledger, wanted, next, null);
    }

    /**
     * @param incidents opens incidents for kept events that an {@code incident} rule matches (null: none)
     */
    public RuleStage(CompiledRules rules, RuleLedger ledger, LongPredicate wanted, EventSink next,
            AutomaticIncidents.Opener incidents) {
        this.rules = rules;
        this.incidents = incidents;
        this.ledger = ledger;
        this.wanted = wanted;
        this.next = next;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void accept(EventBatch batch) {
        int size = batch.size();
        BitSet drop = new BitSet(size);
        List<Long> filterDropped = new ArrayList<>();
        List<RuleLedger.Candidate> candidates = new ArrayList<>();
        CompiledRules.Dedup[] dedups = rules.dedups();
        for (int i = 0; i < size; i++) {
            long line = batch.lineNumber(i);
            if (!wanted.test(line)) {
                continue;
            }
            Event event = batch.get(i);
            if (!rules.filter(event)) {
                drop.set(i);
                filterDropped.add(line);
                continue;
            }
            String[] hashes = null;
            for (int j = 0; j < dedups.length; j++) {
                if (dedups[j].applies(event)) {
                    hashes = hashes == null ? new String[dedups.length] : hashes;
                    hashes[j] = dedups[j].keyHash(event, sha256);
                }
            }
            if (hashes != null) {
                candidates.add(new RuleLedger.Candidate(i, line, timeMillis(event), hashes));
            }
        }
        if (!filterDropped.isEmpty() || !candidates.isEmpty()) {
            BitSet repeats = ledger.settle(batch.lastLine(), filterDropped, candidates, dedups);
            dropped += filterDropped.size();
            repeated += repeats.cardinality();
            drop.or(repeats);
        }
        openIncidents(batch, drop);
        if (drop.isEmpty()) {
            next.accept(batch);
            return;
        }
        int kept = size - drop.cardinality();
        Event[] events = new Event[kept];
        long[] lines = new long[kept];
        int k = 0;
        for (int i = drop.nextClearBit(0); i < size; i = drop.nextClearBit(i + 1)) {
            events[k] = batch.get(i);
            lines[k++] = batch.lineNumber(i);
        }
        next.accept(new EventBatch(batch.feed(), batch.firstLine(), batch.lastLine(), events, kept, lines));
    }

    /** Incident rules see only the events that are kept and stored in this run. */
    private void openIncidents(EventBatch batch, BitSet drop) {
        CompiledRules.IncidentRule[] incidentRules = rules.incidents();
        if (incidents == null || incidentRules.length == 0) {
            return;
        }
        for (int i = drop.nextClearBit(0); i < batch.size(); i = drop.nextClearBit(i + 1)) {
            if (!wanted.test(batch.lineNumber(i))) {
                continue;
            }
            Event event = batch.get(i);
            for (CompiledRules.IncidentRule rule : incidentRules) {
                if (rule.applies(event)) {
                    incidents.open(rule, event);
                }
            }
        }
    }

    private long timeMillis(Event event) {
        String time = event.has(EventField.TIME_SOURCE) ? event.get(EventField.TIME_SOURCE)
                : event.get(EventField.TIME_OBSERVATION);
        return time == null ? now : OffsetDateTime.parse(time).toInstant().toEpochMilli();
    }

    /** Events the filter rules dropped in this run. */
    public long dropped() {
        return dropped;
    }

    /** Events dropped in this run as repeats within a de-duplication window. */
    public long repeated() {
        return repeated;
    }
}
