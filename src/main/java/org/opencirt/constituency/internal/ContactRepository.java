package org.opencirt.constituency.internal;

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
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.SqlSupport.Where;
import org.opencirt.constituency.Contact;
import org.opencirt.constituency.ContactKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Persistence of contacts of organisations and teams. */
@Repository
public class ContactRepository {

    private final JdbcClient jdbc;

    public ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(Contact.Input input, String fingerprint, boolean demo, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into contact (organisation_id, team_id, kind, name, email, phone, available_24x7, languages,
                                     pgp_public_key, pgp_fingerprint, notes, demo, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(input.organisationId(), input.teamId(), input.kind().name(), input.name(), input.email(),
                        input.phone(), input.available24x7(), joinList(input.languages()), input.pgpPublicKey(),
                        fingerprint, input.notes(), demo, utc(now), utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void update(long id, Contact.Input input, String fingerprint, Instant now) {
        jdbc.sql("""
                update contact set organisation_id = ?, team_id = ?, kind = ?, name = ?, email = ?, phone = ?,
                                   available_24x7 = ?, languages = ?, pgp_public_key = ?, pgp_fingerprint = ?,
                                   notes = ?, updated_at = ?
                where id = ?""")
                .params(input.organisationId(), input.teamId(), input.kind().name(), input.name(), input.email(),
                        input.phone(), input.available24x7(), joinList(input.languages()), input.pgpPublicKey(),
                        fingerprint, input.notes(), utc(now), id)
                .update();
    }

    public void delete(long id) {
        jdbc.sql("delete from contact where id = ?").param(id).update();
    }

    public Optional<Contact> findById(long id) {
        return jdbc.sql("select * from contact where id = ?").param(id).query(ContactRepository::map).optional();
    }

    public List<Contact> findAll() {
        return jdbc.sql("select * from contact order by id").query(ContactRepository::map).list();
    }

    public List<Contact> findByOrganisation(long organisationId) {
        return jdbc.sql("select * from contact where organisation_id = ? order by available_24x7 desc, kind desc, name")
                .param(organisationId).query(ContactRepository::map).list();
    }

    public List<Contact> findByTeam(long teamId) {
        return jdbc.sql("select * from contact where team_id = ? order by available_24x7 desc, kind desc, name")
                .param(teamId).query(ContactRepository::map).list();
    }

    public PageResult<Contact> search(String text, Long organisationId, Long teamId, ContactKind kind,
            PageRequest page) {
        Where where = new Where()
                .contains(text, "name", "email")
                .equal("organisation_id", organisationId)
                .equal("team_id", teamId)
                .equal("kind", kind == null ? null : kind.name());
        long total = jdbc.sql("select count(*) from contact" + where.sql()).params(where.params()).query(Long.class)
                .single();
        List<Contact> items = jdbc.sql("select * from contact" + where.sql() + " order by name limit ? offset ?")
                .params(where.paramsWithPage(page)).query(ContactRepository::map).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    static Contact map(ResultSet rs, int row) throws SQLException {
        return new Contact(rs.getLong("id"), nullableLong(rs, "organisation_id"), nullableLong(rs, "team_id"),
                ContactKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("email"),
                rs.getString("phone"), rs.getBoolean("available_24x7"), splitList(rs.getString("languages")),
                rs.getString("pgp_public_key"), rs.getString("pgp_fingerprint"), rs.getString("notes"),
                rs.getBoolean("demo"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
