package org.opencirt.notification.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.SqlSupport;
import org.opencirt.notification.Notification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The notification and notification_event tables, in plain SQL. */
@Repository
public class NotificationRepository {

    private static final String COLUMNS = "id, organisation_id, recipients, subject, interval_from, interval_to, feeds, "
            + "event_count, format, language, signed, encrypted, state, error, csv_sha256, message_id, created_at, "
            + "sent_at";

    private final JdbcClient jdbc;

    public NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A row to insert: the notification, its digest key and the prepared message (null when none was built). */
    public record NewNotification(String digestKey, Notification notification, byte[] rawMessage,
            List<String> eventKeys) {
    }

    /** Inserts the row and its event keys; a second digest with the same key fails on the unique constraint. */
    public long insert(NewNotification row) {
        Notification n = row.notification();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into notification (digest_key, organisation_id, recipients, subject, interval_from, interval_to,
                    feeds, event_count, format, language, signed, encrypted, state, error, csv_sha256, message_id,
                    raw_message, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(row.digestKey(), n.organisationId(), SqlSupport.joinList(n.recipients()), n.subject(),
                        SqlSupport.utc(n.intervalFrom()), SqlSupport.utc(n.intervalTo()),
                        String.join(",", n.feeds()), n.eventCount(), n.format(), n.language(), n.signed(),
                        n.encrypted(), n.state().name(), n.error(), n.csvSha256(), n.messageId(),
                        row.rawMessage() == null ? null : new String(row.rawMessage(),
                                StandardCharsets.US_ASCII),
                        SqlSupport.utc(n.createdAt()))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (String eventKey : row.eventKeys()) {
            jdbc.sql("insert into notification_event (notification_id, event_key) values (?, ?)")
                    .params(id, eventKey).update();
        }
        return id;
    }

    public Optional<Notification> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from notification where id = ?").param(id).query(this::map)
                .optional();
    }

    public Optional<Notification> findByDigestKey(String digestKey) {
        return jdbc.sql("select " + COLUMNS + " from notification where digest_key = ?").param(digestKey)
                .query(this::map).optional();
    }

    public Optional<byte[]> rawMessage(long id) {
        return jdbc.sql("select raw_message from notification where id = ?").param(id)
                .query((rs, n) -> rs.getString(1)).optional()
                .map(text -> text.getBytes(StandardCharsets.US_ASCII));
    }

    public List<String> eventKeys(long id) {
        return jdbc.sql("select event_key from notification_event where notification_id = ? order by event_key")
                .param(id).query(String.class).list();
    }

    /** Moves a notification from one state to another; false when another caller moved it first. */
    public boolean changeState(long id, Notification.State from, Notification.State to, String error, Instant sentAt) {
        return jdbc.sql("update notification set state = ?, error = ?, sent_at = ? where id = ? and state = ?")
                .params(to.name(), error, SqlSupport.utc(sentAt), id, from.name()).update() == 1;
    }

    public List<Long> pendingCreatedBefore(Instant before) {
        return jdbc.sql("select id from notification where state = 'PENDING' and created_at < ? order by id")
                .param(SqlSupport.utc(before)).query(Long.class).list();
    }

    public PageResult<Notification> search(Long organisationId, Instant from, Instant to, PageRequest page) {
        SqlSupport.Where where = new SqlSupport.Where().equal("organisation_id", organisationId);
        if (from != null) {
            where.raw("interval_to > ?", SqlSupport.utc(from));
        }
        if (to != null) {
            where.raw("interval_from < ?", SqlSupport.utc(to));
        }
        long total = jdbc.sql("select count(*) from notification" + where.sql()).params(where.params())
                .query(Long.class).single();
        List<Notification> items = jdbc.sql("select " + COLUMNS + " from notification" + where.sql()
                        + " order by interval_from desc, id desc limit ? offset ?")
                .params(where.paramsWithPage(page)).query(this::map).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    private Notification map(ResultSet rs, int row) throws SQLException {
        return new Notification(rs.getLong("id"), rs.getLong("organisation_id"),
                SqlSupport.splitList(rs.getString("recipients")), rs.getString("subject"),
                SqlSupport.instant(rs, "interval_from"), SqlSupport.instant(rs, "interval_to"),
                SqlSupport.splitList(rs.getString("feeds")), rs.getInt("event_count"), rs.getString("format"),
                rs.getString("language"), rs.getBoolean("signed"), rs.getBoolean("encrypted"),
                Notification.State.valueOf(rs.getString("state")), rs.getString("error"), rs.getString("csv_sha256"),
                rs.getString("message_id"), SqlSupport.instant(rs, "created_at"), SqlSupport.instant(rs, "sent_at"));
    }
}
