package org.opencirt.incident.internal;

import static org.opencirt.common.SqlSupport.instant;
import static org.opencirt.common.SqlSupport.joinList;
import static org.opencirt.common.SqlSupport.nullableLong;
import static org.opencirt.common.SqlSupport.splitList;
import static org.opencirt.common.SqlSupport.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencirt.common.ContentStore;
import org.opencirt.incident.Correspondence;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The correspondence table; the raw messages themselves are files in the content store. */
@Repository
public class CorrespondenceRepository {

    private final JdbcClient jdbc;

    public CorrespondenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a mail; {@code raw} is where its bytes were stored (null when no message could be built). */
    public long insert(Correspondence c, ContentStore.Stored raw) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into correspondence (incident_id, direction, organisation_id, organisation_name, from_address,
                    to_addresses, cc_addresses, subject, body, template, language, message_id, in_reply_to, raw_path,
                    raw_sha256, raw_size, signed, encrypted, state, error, attachment_ids, created_by, created_at,
                    sent_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.incidentId(), c.direction().name(), c.organisationId(), c.organisationName(), c.from(),
                        joinList(c.to()), joinList(c.cc()), c.subject(), c.body(),
                        c.template() == null ? null : c.template().name(), c.language(), c.messageId(), c.inReplyTo(),
                        raw == null ? null : raw.path(), raw == null ? null : raw.sha256(),
                        raw == null ? null : raw.size(), c.signed(), c.encrypted(), c.state().name(), c.error(),
                        joinList(c.attachmentIds().stream().map(String::valueOf).toList()), c.createdBy(),
                        utc(c.createdAt()), utc(c.sentAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<Correspondence> findById(long id) {
        return jdbc.sql("select * from correspondence where id = ?").param(id).query(this::map).optional();
    }

    public Optional<Correspondence> findByMessageId(Correspondence.Direction direction, String messageId) {
        return jdbc.sql("select * from correspondence where direction = ? and message_id = ?")
                .params(direction.name(), messageId).query(this::map).optional();
    }

    /** The incident's mails, oldest first; only those exchanged with {@code organisationId} when it is given. */
    public List<Correspondence> ofIncident(long incidentId, Long organisationId) {
        if (organisationId == null) {
            return jdbc.sql("select * from correspondence where incident_id = ? order by created_at, id")
                    .param(incidentId).query(this::map).list();
        }
        return jdbc.sql("select * from correspondence where incident_id = ? and organisation_id = ?"
                + " order by created_at, id").params(incidentId, organisationId).query(this::map).list();
    }

    public Optional<String> rawPath(long id) {
        return jdbc.sql("select raw_path from correspondence where id = ?").param(id).query(String.class).optional();
    }

    /** Moves a mail from one state to another; false when another caller moved it first. */
    public boolean changeState(long id, Correspondence.State from, Correspondence.State to, String error,
            Instant sentAt) {
        return jdbc.sql("update correspondence set state = ?, error = ?, sent_at = ? where id = ? and state = ?")
                .params(to.name(), error, utc(sentAt), id, from.name()).update() == 1;
    }

    public List<Long> pendingCreatedBefore(Instant before) {
        return jdbc.sql("select id from correspondence where state = 'PENDING' and created_at < ? order by id")
                .param(utc(before)).query(Long.class).list();
    }

    /** Notes the incident attachments a received mail brought, and what could not be kept. */
    public void setAttachments(long id, List<Long> attachmentIds, String error) {
        jdbc.sql("update correspondence set attachment_ids = ?, error = ? where id = ?")
                .params(joinList(attachmentIds.stream().map(String::valueOf).toList()), error, id).update();
    }

    /** The incident of the mail with this Message-ID, sent or received. */
    public Optional<Long> incidentOfMessage(String messageId) {
        return jdbc.sql("select incident_id from correspondence where message_id = ? order by id")
                .param(messageId).query(Long.class).list().stream().findFirst();
    }

    private Correspondence map(ResultSet rs, int row) throws SQLException {
        String template = rs.getString("template");
        return new Correspondence(rs.getLong("id"), rs.getLong("incident_id"),
                Correspondence.Direction.valueOf(rs.getString("direction")), nullableLong(rs, "organisation_id"),
                rs.getString("organisation_name"), rs.getString("from_address"),
                splitList(rs.getString("to_addresses")), splitList(rs.getString("cc_addresses")),
                rs.getString("subject"), rs.getString("body"),
                template == null ? null : Correspondence.Template.valueOf(template), rs.getString("language"),
                rs.getString("message_id"), rs.getString("in_reply_to"), rs.getString("raw_sha256"),
                nullableLong(rs, "raw_size"), rs.getBoolean("signed"), rs.getBoolean("encrypted"),
                Correspondence.State.valueOf(rs.getString("state")), rs.getString("error"),
                splitList(rs.getString("attachment_ids")).stream().map(Long::valueOf).toList(),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "sent_at"));
    }
}
