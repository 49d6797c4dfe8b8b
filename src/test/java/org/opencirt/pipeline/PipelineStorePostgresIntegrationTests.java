package org.opencirt.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.opencirt.pipeline.internal.stage.EventBatch;
import org.opencirt.pipeline.internal.store.EventStore;
import org.opencirt.pipeline.internal.store.StoreRun;
import org.opencirt.test.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The main store flow on PostgreSQL, where events are written with COPY. */
@PostgresIntegrationTest
class PipelineStorePostgresIntegrationTests extends PipelineStoreFlow {

    @Autowired
    DataSource dataSource;

    @Test
    void snapshotIsStoredWithCopyWithOwnersBadLinesQuarantinedAndReplayedAfterAFeedFix() {
        uploadsStoresQuarantinesAndReplays();
    }

    @Test
    void storedEventsExportAndSearchAsTheIntelMqLinesTheyWereWritten() throws Exception {
        storedEventsReadBackAsTheLinesTheyWereWritten();
    }

    @Test
    void batchCommitsLeaveTheConnectionCommittingSynchronously() throws Exception {
        long feedId = createFeed("AMBER");
        jdbc.sql("""
                insert into raw_input (feed_id, file_name, size_bytes, sha256, stored_path, received_at, state)
                values (?, 'sync.csv', 0, 'sync-commit', 'none', current_timestamp, 'processing')""")
                .param(feedId).update();
        long inputId = jdbc.sql("select id from raw_input where sha256 = 'sync-commit'").query(Long.class).single();
        Event[] events = new Event[5];
        for (int i = 0; i < events.length; i++) {
            events[i] = new Event().set(EventField.TIME_SOURCE, "2026-11-24T10:00:0" + i + "+00:00");
        }
        try (Connection connection = dataSource.getConnection()) {
            EventStore everyTwoEvents = new EventStore(new SingleConnectionDataSource(connection, true), 2);
            try (StoreRun run = everyTwoEvents.begin(inputId, feedId, 0)) {
                for (int i = 0; i < events.length; i++) {
                    run.accept(new EventBatch("sync", i + 1, i + 1, new Event[] {events[i]}, 1));
                }
                run.finish(5);
                assertThat(run.storedEvents()).isEqualTo(5);
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("show synchronous_commit")) {
                rs.next();
                assertThat(rs.getString(1)).as("set for the batch transactions only").isEqualTo("on");
            }
        }
        assertThat(jdbc.sql("select last_committed_line from raw_input where id = ?").param(inputId)
                .query(Long.class).single()).isEqualTo(5);
        assertThat(eventLines(inputId)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void binaryCopyStoresEveryColumnAsTheEventHasIt() throws Exception {
        long inputId;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into feed (name, parser, report_type, tlp, created_at, updated_at) values "
                    + "('copy-columns', 'shadowserver', 'scan_rdp', 'AMBER', now(), now())");
            try (ResultSet rs = statement.executeQuery("insert into raw_input (feed_id, file_name, size_bytes, sha256, "
                    + "stored_path, received_at, state) values ((select id from feed where name = 'copy-columns'), "
                    + "'c.csv', 0, 'copy-columns', 'none', now(), 'processing') returning id")) {
                rs.next();
                inputId = rs.getLong(1);
            }
        }
        Event full = new Event().set(EventField.TIME_SOURCE, "2026-11-24T10:11:12+00:00")
                .set(EventField.TIME_OBSERVATION, "2026-02-28 23:59:59.123456 UTC")
                .set(EventField.CLASSIFICATION_TYPE, "scanner").set(EventField.CLASSIFICATION_IDENTIFIER, "rdp")
                .set(EventField.SOURCE_IP, "192.0.2.7").set(EventField.SOURCE_PORT, "3389")
                .set(EventField.SOURCE_ASN, "4200000000").set(EventField.SOURCE_FQDN, "host.example.org")
                .set(EventField.SOURCE_URL, "http://example.org/a\\b?c=ü\u00e9")
                .set(EventField.SOURCE_GEOLOCATION_CC, "AT").set(EventField.DESTINATION_IP, "2001:db8::1")
                .set(EventField.DESTINATION_PORT, "443").set(EventField.PROTOCOL_TRANSPORT, "tcp")
                .set(EventField.PROTOCOL_APPLICATION, "rdp").set(EventField.MALWARE_NAME, "mirai")
                .set(EventField.TLP, "AMBER").set(EventField.RAW, "a\tline with ü")
                .setExtra("note", "tab\there, back\\slash, \"quoted\", newline\n, ü");
        full.setSourceOwner(42, "ip");
        Event sparse = new Event().set(EventField.TIME_SOURCE, "1999-12-31T23:59:59+00:00");
        Event[] events = {full, sparse};
        long[] lines = {5, 9};
        try (StoreRun run = store.begin(inputId, 1, 0)) {
            run.accept(new EventBatch("copy-columns", 5, 9, events, 2, lines));
            run.finish(9);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select * from event where raw_input_id = " + inputId
                        + " order by line_no")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("line_no")).isEqualTo(5);
            assertThat(rs.getObject("time_source", OffsetDateTime.class).toInstant())
                    .isEqualTo(OffsetDateTime.parse("2026-11-24T10:11:12Z").toInstant());
            assertThat(rs.getObject("time_observation", OffsetDateTime.class).toInstant())
                    .isEqualTo(OffsetDateTime.parse("2026-02-28T23:59:59.123456Z").toInstant());
            assertThat(rs.getString("classification_taxonomy")).isEqualTo(full.get(EventField.CLASSIFICATION_TAXONOMY));
            assertThat(rs.getString("classification_type")).isEqualTo("scanner");
            assertThat(rs.getString("classification_identifier")).isEqualTo("rdp");
            assertThat(rs.getString("source_ip")).isEqualTo("192.0.2.7");
            assertThat(rs.getInt("source_port")).isEqualTo(3389);
            assertThat(rs.getLong("source_asn")).isEqualTo(4_200_000_000L);
            assertThat(rs.getString("source_fqdn")).isEqualTo("host.example.org");
            assertThat(rs.getString("source_url")).isEqualTo(full.get(EventField.SOURCE_URL));
            assertThat(rs.getString("source_cc")).isEqualTo("AT");
            assertThat(rs.getString("destination_ip")).isEqualTo(full.get(EventField.DESTINATION_IP));
            assertThat(rs.getInt("destination_port")).isEqualTo(443);
            assertThat(rs.getString("protocol_transport")).isEqualTo("tcp");
            assertThat(rs.getString("protocol_application")).isEqualTo("rdp");
            assertThat(rs.getString("malware_name")).isEqualTo("mirai");
            assertThat(rs.getLong("organisation_id")).isEqualTo(42);
            assertThat(rs.getString("tlp")).isEqualTo("AMBER");
            assertThat(rs.getString("data")).as("only what no column holds").isEqualTo("{\"extra.note\": "
                    + "\"tab\\there, back\\\\slash, \\\"quoted\\\", newline\\n, ü\", \"extra.source.organisation.matched_by\": \"ip\", \"raw\": \"YQlsaW5lIHdpdGggw7w=\"}");
            assertThat(rs.getBoolean("raw_in_input")).isFalse();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("line_no")).isEqualTo(9);
            assertThat(rs.getObject("time_source", OffsetDateTime.class).toInstant())
                    .isEqualTo(OffsetDateTime.parse("1999-12-31T23:59:59Z").toInstant());
            assertThat(rs.getObject("source_port")).isNull();
            assertThat(rs.getObject("source_asn")).isNull();
            assertThat(rs.getObject("organisation_id")).isNull();
            assertThat(rs.getString("tlp")).isNull();
            assertThat(rs.getString("data")).isEqualTo("{}");
            assertThat(rs.next()).isFalse();
        }
    }
}
