package org.opencirt.pipeline.internal.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.opencirt.common.SqlSupport;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rule ledger in the database, one transaction per batch: the kept event per key in {@code dedup_state}, repeats
 * counted into kept events in {@code event_repeat}, and the input's counts and {@code rules_line} in
 * {@code raw_input}. A batch is settled before the store sees it, so after a crash the lines between the store's
 * checkpoint and {@code rules_line} come again: they are decided from the recorded state (a line whose key the state
 * names is kept; a repeat of an event kept earlier is dropped) without writing or counting anything twice. A state
 * whose kept event belongs to a failed input is treated as absent (the event may never have been stored), and a key
 * kept again later in the same input makes an earlier re-decided line kept too: a possible duplicate, never a loss.
 */
public final class JdbcRuleLedger implements RuleLedger {

    private static final int CHUNK = 1024;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{32}");
    private static final int ATTEMPTS = 3;
    private static final int ROWS_PER_INSERT = 256;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final long inputId;
    private final long rulesLine;
    private final boolean replay;

    /**
     * @param rulesLine the last line settled by an earlier run of this input (re-decided, not counted, up to it)
     * @param replay    replaying quarantined lines, which no rule has seen: nothing is re-decided and
     *                  {@code rules_line} stays
     */
    public JdbcRuleLedger(JdbcTemplate jdbc, TransactionTemplate transactions, long inputId, long rulesLine,
            boolean replay) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.inputId = inputId;
        this.rulesLine = replay ? Long.MIN_VALUE : rulesLine;
        this.replay = replay;
    }

    private static final class State {
        final boolean stored;
        final boolean keptFailed;
        long keptInput;
        long keptLine;
        long keptAt;
        boolean dirty;

        State(boolean stored, boolean keptFailed, long keptInput, long keptLine, long keptAt) {
            this.stored = stored;
            this.keptFailed = keptFailed;
            this.keptInput = keptInput;
            this.keptLine = keptLine;
            this.keptAt = keptAt;
        }
    }

    private record Repeat(long input, long line) {
    }

    @Override
    public BitSet settle(long lastLine, List<Long> filterDropped, List<Candidate> candidates,
            CompiledRules.Dedup[] dedups) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> settleOnce(lastLine, filterDropped, candidates, dedups));
            } catch (DuplicateKeyException e) {
                // another run kept the same new key meanwhile: decide again with its state
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private BitSet settleOnce(long lastLine, List<Long> filterDropped, List<Candidate> candidates,
            CompiledRules.Dedup[] dedups) {
        List<Map<String, State>> states = new ArrayList<>();
        for (int j = 0; j < dedups.length; j++) {
            states.add(load(dedups[j].ruleId(), candidates, j));
        }
        BitSet repeats = new BitSet();
        Map<Repeat, long[]> counted = new LinkedHashMap<>();
        long repeatsCounted = 0;
        for (Candidate candidate : candidates) {
            boolean again = candidate.line() <= rulesLine;
            List<State> repeated = new ArrayList<>(1);
            for (int j = 0; j < dedups.length; j++) {
                String hash = candidate.keyHashes()[j];
                State state = hash == null ? null : states.get(j).get(hash);
                if (state == null || state.keptFailed) {
                    continue;
                }
                if (again && state.keptInput == inputId && state.keptLine >= candidate.line()) {
                    continue;
                }
                if (Math.abs(candidate.timeMillis() - state.keptAt) < dedups[j].windowMillis()) {
                    repeated.add(state);
                }
            }
            if (!repeated.isEmpty()) {
                repeats.set(candidate.index());
                if (!again) {
                    repeatsCounted++;
                    for (State state : repeated) {
                        long[] count = counted.computeIfAbsent(new Repeat(state.keptInput, state.keptLine),
                                key -> new long[] {0, Long.MIN_VALUE});
                        count[0]++;
                        count[1] = Math.max(count[1], candidate.timeMillis());
                    }
                }
            } else if (!again) {
                for (int j = 0; j < dedups.length; j++) {
                    String hash = candidate.keyHashes()[j];
                    if (hash != null) {
                        State old = states.get(j).get(hash);
                        State kept = new State(old != null && old.stored, false, inputId, candidate.line(),
                                candidate.timeMillis());
                        kept.dirty = true;
                        states.get(j).put(hash, kept);
                    }
                }
            }
        }
        writeStates(dedups, states);
        writeRepeats(counted);
        long droppedCounted = filterDropped.stream().filter(line -> line > rulesLine).count();
        if (replay) {
            jdbc.update("update raw_input set events_dropped = events_dropped + ?, events_repeated = events_repeated + ?"
                    + " where id = ?", droppedCounted, repeatsCounted, inputId);
        } else {
            jdbc.update("update raw_input set events_dropped = events_dropped + ?, events_repeated = events_repeated + ?,"
                    + " rules_line = greatest(rules_line, ?) where id = ?", droppedCounted, repeatsCounted, lastLine,
                    inputId);
        }
        return repeats;
    }

    /**
     * The stored state of the keys the candidates have under rule {@code j}, by key hash. The hashes (32 hex digits
     * this stage made) are written into the query as literals: a prepared statement reused with bind parameters gets
     * a generic plan on PostgreSQL, planned while the table was small (a scan comparing every row with every key),
     * which made a batch take seconds once the table held a few 100,000 keys.
     */
    private Map<String, State> load(long ruleId, List<Candidate> candidates, int j) {
        List<String> hashes = candidates.stream().map(c -> c.keyHashes()[j]).filter(hash -> hash != null)
                .distinct().toList();
        Map<String, State> states = new HashMap<>();
        for (int from = 0; from < hashes.size(); from += CHUNK) {
            StringBuilder in = new StringBuilder();
            for (String hash : hashes.subList(from, Math.min(hashes.size(), from + CHUNK))) {
                if (!HASH.matcher(hash).matches()) {
                    throw new IllegalArgumentException("not a key hash: " + hash);
                }
                in.append(in.isEmpty() ? "'" : ",'").append(hash).append('\'');
            }
            jdbc.query("select s.key_hash, s.kept_input_id, s.kept_line_no, s.kept_at, r.state from dedup_state s"
                    + " left join raw_input r on r.id = s.kept_input_id where s.rule_id = ? and s.key_hash in ("
                    + in + ")", rs -> {
                        states.put(rs.getString(1), new State(true, "failed".equals(rs.getString(5)), rs.getLong(2),
                                rs.getLong(3), SqlSupport.instant(rs, "kept_at").toEpochMilli()));
                    }, ruleId);
        }
        return states;
    }

    private void writeStates(CompiledRules.Dedup[] dedups, List<Map<String, State>> states) {
        Object now = SqlSupport.utc(Instant.now());
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (int j = 0; j < dedups.length; j++) {
            for (Map.Entry<String, State> entry : states.get(j).entrySet()) {
                State state = entry.getValue();
                if (!state.dirty) {
                    continue;
                }
                Object keptAt = SqlSupport.utc(Instant.ofEpochMilli(state.keptAt));
                if (state.stored) {
                    updates.add(new Object[] {state.keptInput, state.keptLine, keptAt, now, dedups[j].ruleId(),
                            entry.getKey()});
                } else {
                    inserts.add(new Object[] {dedups[j].ruleId(), entry.getKey(), state.keptInput, state.keptLine,
                            keptAt, now});
                }
            }
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("update dedup_state set kept_input_id = ?, kept_line_no = ?, kept_at = ?, updated_at = ?"
                    + " where rule_id = ? and key_hash = ?", updates);
        }
        insertRows("insert into dedup_state (rule_id, key_hash, kept_input_id, kept_line_no, kept_at, updated_at)"
                + " values ", "(?, ?, ?, ?, ?, ?)", inserts);
    }

    /** Inserts rows with one multi-row statement per {@link #ROWS_PER_INSERT} (a round trip each, not one per row). */
    private void insertRows(String insert, String row, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            List<Object> params = new ArrayList<>();
            chunk.forEach(values -> params.addAll(List.of(values)));
            jdbc.update(insert + String.join(", ", Collections.nCopies(chunk.size(), row)), params.toArray());
        }
    }

    private void writeRepeats(Map<Repeat, long[]> counted) {
        if (counted.isEmpty()) {
            return;
        }
        List<Repeat> keys = new ArrayList<>(counted.keySet());
        List<Object[]> updates = new ArrayList<>();
        for (Repeat key : keys) {
            long[] count = counted.get(key);
            updates.add(new Object[] {count[0], SqlSupport.utc(Instant.ofEpochMilli(count[1])), key.input(),
                    key.line()});
        }
        int[] updated = jdbc.batchUpdate("update event_repeat set repeats = repeats + ?,"
                + " last_seen_at = greatest(last_seen_at, ?) where raw_input_id = ? and line_no = ?", updates);
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (updated[i] == 0) {
                Object[] update = updates.get(i);
                inserts.add(new Object[] {update[2], update[3], update[0], update[1]});
            }
        }
        insertRows("insert into event_repeat (raw_input_id, line_no, repeats, last_seen_at) values ", "(?, ?, ?, ?)",
                inserts);
    }
}
