package org.opencirt.pipeline.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where enriched events end: the event table, written in batches on one connection per input, each commit carrying
 * the input's checkpoint (last committed line) and counts, so that a crash loses at most the uncommitted tail and a
 * restart resumes after the checkpoint. PostgreSQL gets {@code COPY ... FROM STDIN} (the fastest way into a table);
 * other databases (H2) JDBC batch inserts. The unique key (raw_input_id, line_no) makes any overlap harmless.
 */
@Component
public class EventStore {

    private final DataSource dataSource;
    private final int commitEvents;

    public EventStore(DataSource dataSource, @Value("${opencirt.pipeline.commit-events:16384}") int commitEvents) {
        this.dataSource = dataSource;
        this.commitEvents = commitEvents;
    }

    /** A run that stores an input's events from the line after {@code resumeAfter} on, checkpointing as it goes. */
    public StoreRun begin(long inputId, long feedId, long resumeAfter) {
        return new StoreRun(connect(), inputId, feedId, resumeAfter, null, commitEvents);
    }

    /** A run that stores only the events of the given (quarantined) lines and settles their quarantine rows. */
    public StoreRun replay(long inputId, long feedId, Set<Long> lines) {
        return new StoreRun(connect(), inputId, feedId, 0, lines, commitEvents);
    }

    private Connection connect() {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open a connection for the event store", e);
        }
    }
}
