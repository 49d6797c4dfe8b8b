package org.opencirt.pipeline.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.IntelMqJson;
import org.opencirt.pipeline.internal.stage.EventBatch;
import org.opencirt.pipeline.internal.stage.EventSink;
import org.opencirt.pipeline.internal.stage.QuarantineSink;
import org.opencirt.pipeline.internal.stage.QuarantinedLine;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One input's way into the store (see {@link EventStore}): the last stage of the chain and the parser's quarantine.
 * Not thread-safe; one run per input at a time, fed from one thread. Rows are committed, with the checkpoint, every
 * {@code commitEvents} events and at {@link #finish}; the checkpoint only ever names committed lines.
 *
 * <p>The run writes on its own thread so that parsing and enrichment (the caller's thread) overlap with encoding and
 * COPY: {@code accept} and {@code quarantine} hand batches and quarantined lines over through one bounded FIFO queue,
 * and the writer thread applies them in exactly the order the caller made them, so every commit holds the same
 * events, quarantined lines and checkpoint as if written on the caller's thread. {@link #finish} waits for the writer
 * and its last commit; a writer failure (rolled back) is thrown to the caller at its next call (ADR 0006).
 */
public final class StoreRun implements EventSink, QuarantineSink, AutoCloseable {

    private static final int FLUSH_BYTES = 1 << 18;

    private final Connection connection;
    private final boolean postgres;
    private final long inputId;
    private final long feedId;
    private final long resumeAfter;
    private final Set<Long> replayLines;
    private final int commitEvents;
    private final CopyRows copyBuffer;
    private final StringBuilder json = new StringBuilder(1024);
    private final long[] micros = new long[EventColumns.TYPED.length];
    private final List<QuarantinedLine> pendingQuarantine = new ArrayList<>();
    private final Set<Long> resolved = new HashSet<>();
    private final Set<Long> requarantined = new HashSet<>();
    private static final int QUEUE_ITEMS = 16;
    private static final Object STOP = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_ITEMS);
    private Thread writer;
    private volatile RuntimeException writerFailure;
    private CopyIn copy;
    private PreparedStatement insert;
    private int pendingEvents;
    private int pendingOutside;
    private long storedEvents;
    private long outsideEvents;
    private long quarantinedLines;

    StoreRun(Connection connection, long inputId, long feedId, long resumeAfter, Set<Long> replayLines,
            int commitEvents) {
        this.connection = connection;
        this.inputId = inputId;
        this.feedId = feedId;
        this.resumeAfter = resumeAfter;
        this.replayLines = replayLines;
        this.commitEvents = commitEvents;
        try {
            this.postgres = connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        this.copyBuffer = postgres ? new CopyRows(FLUSH_BYTES + 16384) : null;
    }

    private boolean wanted(long line) {
        return replayLines == null ? line > resumeAfter : replayLines.contains(line);
    }

    @Override
    public void accept(EventBatch batch) {
        handOver(batch);
    }

    @Override
    public void quarantine(QuarantinedLine line) {
        if (wanted(line.lineNumber())) {
            handOver(line);
        }
    }

    /** Commits what is left with the checkpoint at {@code lastLine} and, unless replaying, marks the input done. */
    public void finish(long lastLine) {
        handOver(new Finish(lastLine));
        awaitWriter();
        if (writerFailure != null) {
            throw writerFailure;
        }
    }

    private record Finish(long lastLine) {
    }

    private void handOver(Object item) {
        if (writer == null) {
            writer = new Thread(this::write, "event-store-" + inputId);
            writer.setDaemon(true);
            writer.start();
        }
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (writerFailure != null || !writer.isAlive()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing events of input " + inputId, e);
        }
        if (writerFailure != null) {
            throw writerFailure;
        }
    }

    /** The writer thread: applies the handed-over items in order until {@link Finish}, {@link #STOP} or a failure. */
    private void write() {
        try {
            while (true) {
                Object item = queue.take();
                if (item instanceof EventBatch batch) {
                    writeBatch(batch);
                } else if (item instanceof QuarantinedLine line) {
                    pendingQuarantine.add(line);
                } else if (item instanceof Finish finish) {
                    writeFinish(finish.lastLine());
                    return;
                } else {
                    return;
                }
            }
        } catch (InterruptedException e) {
            writerFailure = new IllegalStateException("Storing events of input " + inputId + " was interrupted");
        } catch (RuntimeException e) {
            writerFailure = e;
        } catch (Error e) {
            writerFailure = new IllegalStateException("Storing events of input " + inputId + " failed: " + e, e);
            throw e;
        }
    }

    private void awaitWriter() {
        if (writer == null) {
            return;
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing events of input " + inputId, e);
        }
    }

    private void writeBatch(EventBatch batch) {
        try {
            for (int i = 0; i < batch.size(); i++) {
                long line = batch.lineNumber(i);
                if (!wanted(line)) {
                    continue;
                }
                Event event = batch.get(i);
                if (postgres) {
                    copyRow(line, event);
                } else {
                    insertRow(line, event);
                }
                pendingEvents++;
                pendingOutside += event.sourceOrganisationId() == Event.NO_OWNER ? 1 : 0;
                if (replayLines != null) {
                    resolved.add(line);
                }
            }
            if (pendingEvents >= commitEvents) {
                commit(batch.lastLine(), false);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void writeFinish(long lastLine) {
        try {
            commit(lastLine, true);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public long storedEvents() {
        return storedEvents;
    }

    public long outsideEvents() {
        return outsideEvents;
    }

    public long quarantinedLines() {
        return quarantinedLines;
    }

    /** Replayed lines that became events. */
    public Set<Long> resolved() {
        return resolved;
    }

    /** Replayed lines that failed again (their reason is updated). */
    public Set<Long> requarantined() {
        return requarantined;
    }

    private void copyRow(long line, Event event) throws SQLException {
        long omit = EventColumns.omitted(event, micros);
        CopyRows row = copyBuffer;
        row.int16(EventColumns.WRITE_COUNT);
        row.int64Field(inputId);
        row.int64Field(line);
        row.int64Field(feedId);
        for (int i = 0; i < EventColumns.TYPED.length; i++) {
            EventField field = EventColumns.TYPED[i];
            String value = event.get(field);
            if (value == null) {
                row.nullField();
                continue;
            }
            switch (field) {
                case TIME_SOURCE, TIME_OBSERVATION -> row.int64Field(micros[i]);
                case SOURCE_PORT, DESTINATION_PORT -> row.int32Field(Integer.parseInt(value));
                case SOURCE_ASN -> row.int64Field(Long.parseLong(value));
                default -> row.textField(value);
            }
        }
        long owner = event.sourceOrganisationId();
        if (owner == Event.NO_OWNER) {
            row.nullField();
        } else {
            row.int64Field(owner);
        }
        String tlp = event.get(EventField.TLP);
        if (tlp == null) {
            row.nullField();
        } else {
            row.textField(tlp);
        }
        json.setLength(0);
        IntelMqJson.appendJsonLine(json, event, omit);
        row.textField(json);
        row.booleanField(event.rawIsInputLine());
        if (row.size() >= FLUSH_BYTES) {
            flushCopy();
        }
    }

    private void flushCopy() throws SQLException {
        if (copyBuffer.size() == 0) {
            return;
        }
        if (copy == null) {
            copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy event (" + EventColumns.WRITE_COLUMNS + ") from stdin (format binary)");
            copy.writeToCopy(CopyRows.HEADER, 0, CopyRows.HEADER.length);
        }
        copy.writeToCopy(copyBuffer.bytes(), 0, copyBuffer.size());
        copyBuffer.clear();
    }

    private void insertRow(long line, Event event) throws SQLException {
        if (insert == null) {
            insert = connection.prepareStatement("insert into event (" + EventColumns.WRITE_COLUMNS + ") values ("
                    + "?, ".repeat(EventColumns.WRITE_COUNT - 1) + "?)");
        }
        long omit = EventColumns.omitted(event, micros);
        insert.setLong(1, inputId);
        insert.setLong(2, line);
        insert.setLong(3, feedId);
        int index = 4;
        for (EventField field : EventColumns.TYPED) {
            String value = event.get(field);
            switch (field) {
                case TIME_SOURCE, TIME_OBSERVATION -> insert.setObject(index,
                        value == null ? null : OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC));
                case SOURCE_PORT, DESTINATION_PORT -> setNumber(index, value, Types.INTEGER);
                case SOURCE_ASN -> setNumber(index, value, Types.BIGINT);
                default -> insert.setString(index, value);
            }
            index++;
        }
        long owner = event.sourceOrganisationId();
        if (owner == Event.NO_OWNER) {
            insert.setNull(index++, Types.BIGINT);
        } else {
            insert.setLong(index++, owner);
        }
        insert.setString(index++, event.get(EventField.TLP));
        json.setLength(0);
        IntelMqJson.appendJsonLine(json, event, omit);
        insert.setString(index++, json.toString());
        insert.setBoolean(index, event.rawIsInputLine());
        insert.addBatch();
    }

    private void setNumber(int index, String value, int type) throws SQLException {
        if (value == null) {
            insert.setNull(index, type);
        } else {
            insert.setLong(index, Long.parseLong(value));
        }
    }

    /**
     * Commits the pending rows with the checkpoint. On PostgreSQL the commits before the last one of a run do not
     * wait for their WAL to reach the disk ({@code synchronous_commit = off} for that transaction only, ADR 0010):
     * the server stays busy with the next rows instead of idling through each flush. Rows and checkpoint are in the
     * same transaction and the WAL is flushed in order, so a server crash can only lose a tail of whole commits,
     * checkpoint included, and the input resumes after the last checkpoint that survived; the last commit (and any
     * later synchronous commit, such as the input's state) flushes every earlier one.
     */
    private void commit(long checkpoint, boolean last) throws SQLException {
        if (postgres) {
            flushCopy();
            if (copy != null) {
                copy.writeToCopy(CopyRows.TRAILER, 0, CopyRows.TRAILER.length);
                copy.endCopy();
                copy = null;
            }
            if (!last && replayLines == null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set local synchronous_commit = off");
                }
            }
        } else if (insert != null && pendingEvents > 0) {
            insert.executeBatch();
        }
        int quarantined = pendingQuarantine.size();
        if (replayLines == null) {
            writeQuarantine();
            try (PreparedStatement update = connection.prepareStatement("""
                    update raw_input set last_committed_line = ?, lines_processed = ?, events_stored = events_stored + ?,
                        events_outside = events_outside + ?, quarantined = quarantined + ?
                    where id = ?""")) {
                update.setLong(1, checkpoint);
                update.setLong(2, checkpoint);
                update.setLong(3, pendingEvents);
                update.setLong(4, pendingOutside);
                update.setLong(5, quarantined);
                update.setLong(6, inputId);
                update.executeUpdate();
            }
        } else {
            settleReplay(last);
        }
        connection.commit();
        storedEvents += pendingEvents;
        outsideEvents += pendingOutside;
        quarantinedLines += quarantined;
        pendingEvents = 0;
        pendingOutside = 0;
        pendingQuarantine.clear();
    }

    private void writeQuarantine() throws SQLException {
        if (pendingQuarantine.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                insert into quarantine (raw_input_id, line_no, raw_line, reason, created_at)
                values (?, ?, ?, ?, ?)""")) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (QuarantinedLine line : pendingQuarantine) {
                statement.setLong(1, inputId);
                statement.setLong(2, line.lineNumber());
                statement.setString(3, line.raw().replace("\u0000", ""));
                statement.setString(4, truncate(line.reason()));
                statement.setObject(5, now);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Replay: failing lines get their new reason, stored ones are resolved, and the input's counts follow. */
    private void settleReplay(boolean last) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "update quarantine set reason = ? where raw_input_id = ? and line_no = ? and resolved_at is null")) {
            for (QuarantinedLine line : pendingQuarantine) {
                statement.setString(1, truncate(line.reason()));
                statement.setLong(2, inputId);
                statement.setLong(3, line.lineNumber());
                statement.addBatch();
                requarantined.add(line.lineNumber());
            }
            statement.executeBatch();
        }
        if (!last) {
            return;
        }
        Set<Long> settled = new HashSet<>(replayLines);
        settled.removeAll(requarantined);
        int count = 0;
        try (PreparedStatement statement = connection.prepareStatement("""
                update quarantine set resolved_at = ?, resolution = ?
                where raw_input_id = ? and line_no = ? and resolved_at is null""")) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (long line : settled) {
                statement.setObject(1, now);
                statement.setString(2, resolved.contains(line) ? "replayed" : "skipped");
                statement.setLong(3, inputId);
                statement.setLong(4, line);
                statement.addBatch();
                count++;
            }
            statement.executeBatch();
        }
        try (PreparedStatement update = connection.prepareStatement("""
                update raw_input set events_stored = events_stored + ?, events_outside = events_outside + ?,
                    quarantined = quarantined - ?
                where id = ?""")) {
            update.setLong(1, storedEvents + pendingEvents);
            update.setLong(2, outsideEvents + pendingOutside);
            update.setLong(3, count);
            update.setLong(4, inputId);
            update.executeUpdate();
        }
    }

    private static String truncate(String reason) {
        String text = reason == null ? "invalid line" : reason;
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private RuntimeException failure(SQLException e) {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
            connection.rollback();
        } catch (SQLException suppressed) {
            e.addSuppressed(suppressed);
        }
        copy = null;
        return new IllegalStateException("Storing events of input " + inputId + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        if (writer != null && writer.isAlive()) {
            queue.clear();
            writer.interrupt();
            awaitWriter();
        }
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
            if (insert != null) {
                insert.close();
            }
            connection.rollback();
            connection.setAutoCommit(true);
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Closing the event store connection failed", e);
        }
    }
}
