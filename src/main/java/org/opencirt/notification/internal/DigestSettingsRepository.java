package org.opencirt.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencirt.common.SqlSupport;
import org.opencirt.notification.DigestFormat;
import org.opencirt.notification.DigestFrequency;
import org.opencirt.notification.DigestSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The digest_setting and digest_progress tables, in plain SQL. */
@Repository
public class DigestSettingsRepository {

    private final JdbcClient jdbc;

    public DigestSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DigestSettings> find(long organisationId) {
        return jdbc.sql("select * from digest_setting where organisation_id = ?").param(organisationId)
                .query(DigestSettingsRepository::map).optional();
    }

    public List<DigestSettings> findAll() {
        return jdbc.sql("select * from digest_setting order by organisation_id").query(DigestSettingsRepository::map)
                .list();
    }

    public void save(DigestSettings settings) {
        Object[] values = {settings.frequency().name(), settings.format().name(),
                settings.previousFrequency().name(), SqlSupport.utc(settings.effectiveFrom()),
                SqlSupport.utc(settings.updatedAt()), settings.organisationId()};
        if (jdbc.sql("""
                update digest_setting set digest_interval = ?, format = ?, previous_interval = ?, effective_from = ?,
                                          updated_at = ?
                where organisation_id = ?""").params(values).update() == 0) {
            jdbc.sql("""
                    insert into digest_setting (digest_interval, format, previous_interval, effective_from, updated_at,
                                                organisation_id)
                    values (?, ?, ?, ?, ?, ?)""").params(values).update();
        }
    }

    /** The end of the last period of this frequency whose digests were all made, if any ever were. */
    public Optional<Instant> doneUntil(DigestFrequency frequency) {
        return jdbc.sql("select done_until from digest_progress where digest_interval = ?").param(frequency.name())
                .query((rs, n) -> SqlSupport.instant(rs, "done_until")).optional();
    }

    public void markDone(DigestFrequency frequency, Instant until) {
        if (jdbc.sql("update digest_progress set done_until = ? where digest_interval = ?")
                .params(SqlSupport.utc(until), frequency.name()).update() == 0) {
            jdbc.sql("insert into digest_progress (digest_interval, done_until) values (?, ?)")
                    .params(frequency.name(), SqlSupport.utc(until)).update();
        }
    }

    private static DigestSettings map(ResultSet rs, int row) throws SQLException {
        return new DigestSettings(rs.getLong("organisation_id"), DigestFrequency.valueOf(rs.getString("digest_interval")),
                DigestFormat.valueOf(rs.getString("format")), DigestFrequency.valueOf(rs.getString("previous_interval")),
                SqlSupport.instant(rs, "effective_from"), true, SqlSupport.instant(rs, "updated_at"));
    }
}
