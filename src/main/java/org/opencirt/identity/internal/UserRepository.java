package org.opencirt.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.opencirt.identity.Role;
import org.opencirt.identity.UserAccount;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Persistence of user accounts (table app_user). */
@Repository
public class UserRepository {

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(UserAccount user, String passwordHash) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into app_user (username, display_name, email, password_hash, role, organisation_id, enabled,
                                      locale, created_at, password_changed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(user.username(), user.displayName(), user.email(), passwordHash, user.role().name(),
                        user.organisationId(), user.enabled(), user.locale(), utc(user.createdAt()),
                        utc(user.createdAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void update(UserAccount user) {
        jdbc.sql("""
                update app_user set display_name = ?, email = ?, role = ?, organisation_id = ?, enabled = ?, locale = ?
                where id = ?""")
                .params(user.displayName(), user.email(), user.role().name(), user.organisationId(), user.enabled(),
                        user.locale(), user.id())
                .update();
    }

    public void updatePassword(long id, String passwordHash, Instant at) {
        jdbc.sql("update app_user set password_hash = ?, password_changed_at = ? where id = ?")
                .params(passwordHash, utc(at), id).update();
    }

    public Optional<UserAccount> findById(long id) {
        return jdbc.sql("select * from app_user where id = ?").param(id).query(UserRepository::map).optional();
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select * from app_user where username = ?").param(username).query(UserRepository::map)
                .optional();
    }

    public Optional<String> passwordHash(long id) {
        return jdbc.sql("select password_hash from app_user where id = ?").param(id).query(String.class).optional();
    }

    public List<UserAccount> findAll() {
        return jdbc.sql("select * from app_user order by username").query(UserRepository::map).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    /** Adds one failed login and answers the new count; the row stays locked until the transaction ends. */
    public int incrementFailures(long id) {
        jdbc.sql("update app_user set failed_logins = failed_logins + 1 where id = ?").param(id).update();
        return jdbc.sql("select failed_logins from app_user where id = ?").param(id).query(Integer.class).single();
    }

    public void lockUntil(long id, Instant lockedUntil) {
        jdbc.sql("update app_user set locked_until = ? where id = ?").params(utc(lockedUntil), id).update();
    }

    public long countEnabledAdmins() {
        return jdbc.sql("select count(*) from app_user where role = 'ADMIN' and enabled = true").query(Long.class)
                .single();
    }

    public long countByOrganisation(long organisationId) {
        return jdbc.sql("select count(*) from app_user where organisation_id = ?").param(organisationId)
                .query(Long.class).single();
    }

    public void clearFailures(long id) {
        jdbc.sql("update app_user set failed_logins = 0, locked_until = null where id = ? and failed_logins > 0")
                .param(id).update();
    }

    static UserAccount map(ResultSet rs, int row) throws SQLException {
        long organisation = rs.getLong("organisation_id");
        Long organisationId = rs.wasNull() ? null : organisation;
        OffsetDateTime locked = rs.getObject("locked_until", OffsetDateTime.class);
        return new UserAccount(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("email"), Role.valueOf(rs.getString("role")), organisationId, rs.getBoolean("enabled"),
                rs.getInt("failed_logins"), locked == null ? null : locked.toInstant(), rs.getString("locale"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
