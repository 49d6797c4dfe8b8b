package org.opencirt.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.SqlSupport;
import org.opencirt.identity.CurrentUser;
import org.opencirt.pipeline.internal.parser.InputLines;
import org.opencirt.pipeline.internal.store.EventColumns;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stored events, searched and exported through one access decision: staff see every event; a CONSTITUENT (or
 * PARTNER) only events whose source its own organisation owns, and never TLP:RED ones (staff only, for now). The
 * decision is taken once, in the caller's thread, as a {@link Scope}, so that a streamed export keeps it.
 *
 * <p>An event's IntelMQ JSON line is put back together from its typed columns, the members kept in {@code data} and,
 * when {@code raw} is its input line, that line of the stored input file (ADR 0010). An event's id is
 * {@code raw_input_id * 2^32 + line_no}. Repeats a de-duplication rule counted into an event are joined from
 * {@code event_repeat} (ADR 0008).
 */
@Service
public class EventService {

    private static final String CSV_HEADER = "id,input_id,line_no,feed,time_source,time_observation,"
            + "classification_taxonomy,classification_type,classification_identifier,source_ip,source_port,source_asn,"
            + "source_fqdn,source_url,source_cc,destination_ip,destination_port,protocol_transport,"
            + "protocol_application,malware_name,organisation_id,tlp,repeats,last_seen";
    private static final String ID = "(e.raw_input_id * 4294967296 + e.line_no)";
    /** The events with the repeats counted into them (de-duplication rules). */
    private static final String FROM = " from event e join feed f on f.id = e.feed_id"
            + " left join event_repeat rep on rep.raw_input_id = e.raw_input_id and rep.line_no = e.line_no";
    private static final String LINE_SELECT = "select e.raw_input_id, e.line_no, e.feed_id, r.stored_path, "
            + "coalesce(rep.repeats, 0) as repeat_count, rep.last_seen_at as repeat_last_seen, "
            + EventColumns.READ_COLUMNS + FROM + " join raw_input r on r.id = e.raw_input_id";
    private static final String CSV_SELECT = "select " + ID + ", e.raw_input_id, e.line_no, f.name, e.time_source, "
            + "e.time_observation, e.classification_taxonomy, e.classification_type, e.classification_identifier, "
            + "e.source_ip, e.source_port, e.source_asn, e.source_fqdn, e.source_url, e.source_cc, e.destination_ip, "
            + "e.destination_port, e.protocol_transport, e.protocol_application, e.malware_name, e.organisation_id, "
            + "e.tlp, coalesce(rep.repeats, 0), rep.last_seen_at" + FROM;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final InputLines inputLines;
    private final Path dataDirectory;

    public EventService(JdbcClient jdbc, JdbcTemplate jdbcTemplate, InputLines inputLines,
            @Value("${opencirt.data-dir}") String dataDirectory) {
        this.jdbc = jdbc;
        this.jdbcTemplate = new JdbcTemplate(jdbcTemplate.getDataSource());
        this.jdbcTemplate.setFetchSize(1000);
        this.inputLines = inputLines;
        this.dataDirectory = Path.of(dataDirectory).toAbsolutePath();
    }

    /** The caller's access decision: the only organisation it may see (null: all) and whether it sees TLP:RED. */
    public record Scope(Long organisation, boolean red) {
    }

    /**
     * The caller's scope for a query.
     *
     * @throws AccessDeniedException when a restricted caller asks for another organisation's events
     */
    public Scope scopeFor(EventQuery query) {
        CurrentUser user = CurrentUser.get().orElse(null);
        if (user == null || user.seesWholeConstituency()) {
            return new Scope(null, true);
        }
        long own = user.organisationId() == null ? -1L : user.organisationId();
        if (query.organisationId() != null && query.organisationId() != own) {
            throw new AccessDeniedException("Events of another organisation");
        }
        return new Scope(own, false);
    }

    @Transactional(readOnly = true)
    public PageResult<StoredEvent> search(EventQuery query, PageRequest page) {
        SqlSupport.Where where = where(query, scopeFor(query));
        long total = jdbc.sql("select count(*)" + FROM + where.sql())
                .params(where.params()).query(Long.class).single();
        try (InputLines.Reader raw = inputLines.reader()) {
            List<StoredEvent> items = jdbc.sql(LINE_SELECT + where.sql()
                            + " order by e.time_source desc, e.raw_input_id desc, e.line_no desc limit ? offset ?")
                    .params(where.paramsWithPage(page)).query((rs, n) -> map(rs, raw)).list();
            return new PageResult<>(items, page.page(), page.size(), total);
        }
    }

    /**
     * Writes the matching events to {@code out} row by row, as CSV or as IntelMQ JSON lines, without holding them.
     *
     * @param scope from {@link #scopeFor}, taken in the caller's thread
     */
    @Transactional(readOnly = true)
    public void export(EventQuery query, Scope scope, boolean csv, OutputStream out) {
        SqlSupport.Where where = where(query, scope);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            if (csv) {
                writer.write(CSV_HEADER);
                writer.write("\r\n");
            }
            String sql = (csv ? CSV_SELECT : LINE_SELECT) + where.sql() + " order by e.raw_input_id, e.line_no";
            StringBuilder line = new StringBuilder(1024);
            try (InputLines.Reader raw = inputLines.reader()) {
                jdbcTemplate.query(sql, rs -> {
                    try {
                        if (csv) {
                            writeCsvRow(rs, writer);
                        } else {
                            line.setLength(0);
                            appendJsonLine(line, rs, raw);
                            writer.append(line).append('\n');
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, where.params().toArray());
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The organisations that own events from inputs whose processing finished in [from, to), counting only the
     * events the organisation's own users may see: whom a digest of that period goes to. Events outside the
     * constituency have no owner and are never counted.
     */
    @Transactional(readOnly = true)
    public List<Long> ownersOfInputsFinished(Instant from, Instant to) {
        SqlSupport.Where where = finishedIn(from, to, new Scope(null, false)).raw("e.organisation_id is not null");
        return jdbc.sql("select distinct e.organisation_id" + FROM + " join raw_input r on r.id = e.raw_input_id"
                + where.sql() + " order by 1").params(where.params()).query(Long.class).list();
    }

    /**
     * One organisation's events from inputs whose processing finished in [from, to), as IntelMQ JSON lines in the
     * order they were stored, under the same rule as the organisation's own users: what its digest of the period
     * tells.
     */
    @Transactional(readOnly = true)
    public List<String> ownEventsOfInputsFinished(long organisationId, Instant from, Instant to) {
        SqlSupport.Where where = finishedIn(from, to, new Scope(organisationId, false));
        try (InputLines.Reader raw = inputLines.reader()) {
            return jdbc.sql(LINE_SELECT + where.sql() + " order by e.raw_input_id, e.line_no").params(where.params())
                    .query((rs, n) -> {
                        StringBuilder line = new StringBuilder(1024);
                        appendJsonLine(line, rs, raw);
                        return line.toString();
                    }).list();
        }
    }

    private static SqlSupport.Where finishedIn(Instant from, Instant to, Scope scope) {
        return where(new EventQuery(null, null, null, null, null), scope)
                .raw("r.finished_at >= ?", SqlSupport.utc(from))
                .raw("r.finished_at < ?", SqlSupport.utc(to));
    }

    private static void writeCsvRow(ResultSet rs, Writer writer) throws SQLException, IOException {
        int columns = rs.getMetaData().getColumnCount();
        for (int i = 1; i <= columns; i++) {
            if (i > 1) {
                writer.write(',');
            }
            Object value = rs.getObject(i);
            String text = value instanceof OffsetDateTime time ? time.toInstant().toString()
                    : value instanceof Timestamp timestamp ? timestamp.toInstant().toString()
                    : value == null ? "" : value.toString();
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                    || text.indexOf('\r') >= 0) {
                writer.write('"');
                writer.write(text.replace("\"", "\"\""));
                writer.write('"');
            } else {
                writer.write(text);
            }
        }
        writer.write("\r\n");
    }

    private static SqlSupport.Where where(EventQuery query, Scope scope) {
        SqlSupport.Where where = new SqlSupport.Where()
                .equal("e.organisation_id", scope.organisation() != null ? scope.organisation() : query.organisationId())
                .equal("e.classification_type", query.type())
                .equal("f.name", query.feed());
        if (query.from() != null) {
            where.raw("e.time_source >= ?", SqlSupport.utc(query.from()));
        }
        if (query.to() != null) {
            where.raw("e.time_source < ?", SqlSupport.utc(query.to()));
        }
        if (!scope.red()) {
            where.raw("(e.tlp is null or e.tlp <> 'RED')");
        }
        return where;
    }

    /**
     * The event's IntelMQ JSON line from a row of {@link #LINE_SELECT}; for an event repeats were counted into, with
     * {@code extra.count} (the event and its repeats) and {@code extra.last_seen} (the last repeat's time), as
     * IntelMQ's aggregation writes a count.
     */
    private void appendJsonLine(StringBuilder line, ResultSet rs, InputLines.Reader raw) throws SQLException {
        String rawLine = rs.getBoolean("raw_in_input")
                ? raw.line(dataDirectory.resolve(rs.getString("stored_path")), rs.getLong("line_no")) : null;
        int start = line.length();
        EventColumns.appendJsonLine(line, rs, rawLine);
        long repeats = rs.getLong("repeat_count");
        int end = line.lastIndexOf("}");
        if (repeats > 0 && end > start) {
            OffsetDateTime lastSeen = rs.getObject("repeat_last_seen", OffsetDateTime.class);
            line.insert(end, ",\"extra.count\":" + (repeats + 1) + ",\"extra.last_seen\":\""
                    + (lastSeen == null ? "" : lastSeen.toInstant().toString()) + "\"");
        }
    }

    private StoredEvent map(ResultSet rs, InputLines.Reader raw) throws SQLException {
        long inputId = rs.getLong("raw_input_id");
        long lineNo = rs.getLong("line_no");
        StringBuilder line = new StringBuilder(1024);
        appendJsonLine(line, rs, raw);
        return new StoredEvent((inputId << 32) + lineNo, inputId, lineNo, rs.getLong("feed_id"),
                SqlSupport.instant(rs, "time_source"), rs.getString("classification_type"),
                rs.getString("source_ip"), SqlSupport.nullableLong(rs, "organisation_id"), rs.getString("tlp"),
                line.toString(), rs.getLong("repeat_count"), SqlSupport.instant(rs, "repeat_last_seen"));
    }
}
