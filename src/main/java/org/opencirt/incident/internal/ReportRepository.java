package org.opencirt.incident.internal;

import static org.opencirt.common.SqlSupport.instant;
import static org.opencirt.common.SqlSupport.nullableLong;
import static org.opencirt.common.SqlSupport.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencirt.common.ContentStore;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.SqlSupport.Where;
import org.opencirt.incident.Attachment;
import org.opencirt.incident.Observable;
import org.opencirt.incident.Report;
import org.opencirt.incident.ReportChannel;
import org.opencirt.incident.ReportState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Persistence of reports and of attachments (of reports and incidents). */
@Repository
public class ReportRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ReportRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long insert(Report.Submission s, String source, Long userId, Long organisationId, ContentStore.Stored raw,
            String trackingCode, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into report (channel, source, source_ref, state, reporter_name, reporter_email, reporter_user_id,
                                    organisation_id, subject, body, occurred_at, affected_systems, raw_sha256, raw_path,
                                    raw_size, parse_error, observables, tracking_code, received_at)
                values (?, ?, ?, 'NEW', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.channel().name(), source, s.sourceRef(), s.reporterName(), s.reporterEmail(), userId,
                        organisationId, s.subject(), s.body(), utc(s.occurredAt()), s.affectedSystems(),
                        raw == null ? null : raw.sha256(), raw == null ? null : raw.path(),
                        raw == null ? null : raw.size(), s.parseError(),
                        s.observables() == null || s.observables().isEmpty() ? null
                                : json.writeValueAsString(s.observables()),
                        trackingCode, utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<Report> findById(long id) {
        return jdbc.sql("select * from report where id = ?").param(id).query(this::map).optional()
                .map(r -> withAttachments(List.of(r)).get(0));
    }

    public Optional<Report> findBySourceRef(String source, String sourceRef) {
        return jdbc.sql("select * from report where source = ? and source_ref = ?").params(source, sourceRef)
                .query(this::map).optional();
    }

    public Optional<Report> findByTrackingCode(String code) {
        return jdbc.sql("select * from report where tracking_code = ?").param(code).query(this::map).optional();
    }

    /** Reports of one organisation or reporter (portal) or all (staff), newest first. */
    public PageResult<Report> search(ReportState state, ReportChannel channel, String text, Long organisationId,
            Long reporterUserId, PageRequest page) {
        Where where = new Where()
                .equal("state", state == null ? null : state.name())
                .equal("channel", channel == null ? null : channel.name())
                .contains(text, "subject", "body", "reporter_email", "reporter_name");
        if (organisationId != null || reporterUserId != null) {
            where.raw("(organisation_id = ? or reporter_user_id = ?)", organisationId == null ? -1L : organisationId,
                    reporterUserId == null ? -1L : reporterUserId);
        }
        long total = jdbc.sql("select count(*) from report" + where.sql()).params(where.params()).query(Long.class)
                .single();
        List<Report> items = jdbc.sql("select * from report" + where.sql() + " order by received_at desc, id desc"
                + " limit ? offset ?").params(where.paramsWithPage(page)).query(this::map).list();
        return new PageResult<>(withAttachments(items), page.page(), page.size(), total);
    }

    public List<Report> findByIncident(long incidentId) {
        return withAttachments(jdbc.sql("select * from report where incident_id = ? order by received_at, id")
                .param(incidentId).query(this::map).list());
    }

    /** Records the triage decision; only a report still NEW is changed. Returns whether it was. */
    public boolean decide(long id, ReportState state, Long incidentId, String reason, String actor, Instant now) {
        return jdbc.sql("""
                update report set state = ?, incident_id = ?, decision_reason = ?, decided_by = ?, decided_at = ?
                where id = ? and state = 'NEW'""")
                .params(state.name(), incidentId, reason, actor, utc(now), id).update() == 1;
    }

    /** Moves the reports of a merged incident to the incident it was merged into. */
    public void moveToIncident(long fromIncidentId, long toIncidentId) {
        jdbc.sql("update report set incident_id = ? where incident_id = ?").params(toIncidentId, fromIncidentId)
                .update();
        jdbc.sql("update attachment set incident_id = ? where incident_id = ?").params(toIncidentId, fromIncidentId)
                .update();
    }

    public List<Observable.Input> observables(long reportId) {
        String text = jdbc.sql("select observables from report where id = ?").param(reportId).query(String.class)
                .optional().orElse(null);
        return text == null ? List.of() : json.readValue(text, new TypeReference<List<Observable.Input>>() { });
    }

    // --- attachments

    public long insertAttachment(Long reportId, Long incidentId, Attachment.Upload upload, ContentStore.Stored stored,
            String actor, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into attachment (report_id, incident_id, file_name, content_type, size_bytes, sha256,
                                        stored_path, uploaded_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(reportId, incidentId, upload.fileName(), upload.contentType(), stored.size(), stored.sha256(),
                        stored.path(), actor, utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Gives a report's attachments to the incident it became part of. */
    public void attachmentsToIncident(long reportId, long incidentId) {
        jdbc.sql("update attachment set incident_id = ? where report_id = ?").params(incidentId, reportId).update();
    }

    public List<Attachment> attachmentsOfIncident(long incidentId) {
        return jdbc.sql("select * from attachment where incident_id = ? order by created_at, id").param(incidentId)
                .query(ReportRepository::attachment).list();
    }

    public Optional<Attachment> findAttachment(long id) {
        return jdbc.sql("select * from attachment where id = ?").param(id).query(ReportRepository::attachment)
                .optional();
    }

    public Optional<String> attachmentPath(long id) {
        return jdbc.sql("select stored_path from attachment where id = ?").param(id).query(String.class).optional();
    }

    private List<Report> withAttachments(List<Report> reports) {
        if (reports.isEmpty()) {
            return reports;
        }
        List<Object> ids = reports.stream().map(r -> (Object) r.id()).toList();
        Map<Long, List<Attachment>> byReport = new HashMap<>();
        jdbc.sql("select * from attachment where report_id in (" + String.join(", ", java.util.Collections.nCopies(
                ids.size(), "?")) + ") order by id").params(ids).query(ReportRepository::attachment).list()
                .forEach(a -> byReport.computeIfAbsent(a.reportId(), k -> new ArrayList<>()).add(a));
        return reports.stream().map(r -> new Report(r.id(), r.channel(), r.source(), r.sourceRef(), r.state(),
                r.reporterName(), r.reporterEmail(), r.reporterUserId(), r.organisationId(), r.subject(), r.body(),
                r.occurredAt(), r.affectedSystems(), r.rawSha256(), r.rawSize(), r.parseError(), r.trackingCode(),
                r.incidentId(), r.decisionReason(), r.decidedBy(), r.decidedAt(), r.receivedAt(),
                List.copyOf(byReport.getOrDefault(r.id(), List.of())))).toList();
    }

    private static Attachment attachment(ResultSet rs, int row) throws SQLException {
        return new Attachment(rs.getLong("id"), nullableLong(rs, "report_id"), nullableLong(rs, "incident_id"),
                rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getString("sha256"), rs.getString("uploaded_by"), instant(rs, "created_at"));
    }

    private Report map(ResultSet rs, int row) throws SQLException {
        return new Report(rs.getLong("id"), ReportChannel.valueOf(rs.getString("channel")), rs.getString("source"),
                rs.getString("source_ref"), ReportState.valueOf(rs.getString("state")), rs.getString("reporter_name"),
                rs.getString("reporter_email"), nullableLong(rs, "reporter_user_id"),
                nullableLong(rs, "organisation_id"), rs.getString("subject"), rs.getString("body"),
                instant(rs, "occurred_at"), rs.getString("affected_systems"), rs.getString("raw_sha256"),
                nullableLong(rs, "raw_size"), rs.getString("parse_error"), rs.getString("tracking_code"),
                nullableLong(rs, "incident_id"), rs.getString("decision_reason"), rs.getString("decided_by"),
                instant(rs, "decided_at"), instant(rs, "received_at"), List.of());
    }
}
