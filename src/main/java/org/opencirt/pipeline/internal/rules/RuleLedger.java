package org.opencirt.pipeline.internal.rules;

import java.util.BitSet;
import java.util.List;

/**
 * What the rule stage remembers beyond one batch: the de-duplication state (the event kept per key), the repeats
 * counted into kept events, and the input's counts of dropped and repeated events. One instance per input run.
 */
public interface RuleLedger {

    /**
     * An event that reached de-duplication.
     *
     * @param index      its index in the batch
     * @param line       its input line
     * @param timeMillis its time ({@code time.source}, else {@code time.observation}) in epoch milliseconds
     * @param keyHashes  its key hash per de-duplication rule, null where the rule does not apply
     */
    record Candidate(int index, long line, long timeMillis, String[] keyHashes) {
    }

    /**
     * Decides which candidates repeat an event kept within the window, records the batch's effects (kept keys,
     * counted repeats, dropped counts, the last line) and returns the indexes of the repeats to drop.
     *
     * @param filterDropped the lines the filter rules dropped
     */
    BitSet settle(long lastLine, List<Long> filterDropped, List<Candidate> candidates,
            CompiledRules.Dedup[] dedups);
}
