package org.opencirt.constituency.internal;

import static org.opencirt.common.SqlSupport.instant;
import static org.opencirt.common.SqlSupport.nullableLong;
import static org.opencirt.common.SqlSupport.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencirt.common.Countries;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.SqlSupport.Where;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Persistence of organisations, read with their sector's and parent's names. */
@Repository
public class OrganisationRepository {

    private static final String SELECT = """
            select o.*, s.name as sector_name, p.name as parent_name
            from organisation o
            left join sector s on s.id = o.sector_id
            left join organisation p on p.id = o.parent_id""";

    private final JdbcClient jdbc;

    public OrganisationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(Organisation.Input input, boolean demo, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into organisation (name, short_name, sector_id, country, kind, parent_id, website, description,
                                          demo, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(input.name(), input.shortName(), input.sectorId(), input.country(), input.kind().name(),
                        input.parentId(), input.website(), input.description(), demo, utc(now), utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void update(long id, Organisation.Input input, Instant now) {
        jdbc.sql("""
                update organisation set name = ?, short_name = ?, sector_id = ?, country = ?, kind = ?, parent_id = ?,
                                        website = ?, description = ?, updated_at = ?
                where id = ?""")
                .params(input.name(), input.shortName(), input.sectorId(), input.country(), input.kind().name(),
                        input.parentId(), input.website(), input.description(), utc(now), id)
                .update();
    }

    public void delete(long id) {
        jdbc.sql("delete from organisation where id = ?").param(id).update();
    }

    public Optional<Organisation> findById(long id) {
        return jdbc.sql(SELECT + " where o.id = ?").param(id).query(OrganisationRepository::map).optional();
    }

    public Optional<Organisation> findByName(String name) {
        return jdbc.sql(SELECT + " where lower(o.name) = lower(?)").param(name).query(OrganisationRepository::map)
                .optional();
    }

    public List<Organisation> findAll() {
        return jdbc.sql(SELECT + " order by o.name").query(OrganisationRepository::map).list();
    }

    public List<Organisation> findChildren(long parentId) {
        return jdbc.sql(SELECT + " where o.parent_id = ? order by o.name").param(parentId)
                .query(OrganisationRepository::map).list();
    }

    /** Search by name or short name, with optional sector, kind, country and a single-organisation restriction. */
    public PageResult<Organisation> search(String text, Long sectorId, OrganisationKind kind, String country,
            Long onlyId, PageRequest page) {
        Where where = new Where()
                .contains(text, "o.name", "o.short_name")
                .equal("o.sector_id", sectorId)
                .equal("o.kind", kind == null ? null : kind.name())
                .equal("o.country", Countries.normalise(country))
                .equal("o.id", onlyId);
        long total = jdbc.sql("select count(*) from organisation o" + where.sql()).params(where.params())
                .query(Long.class).single();
        List<Organisation> items = jdbc.sql(SELECT + where.sql() + " order by o.name limit ? offset ?")
                .params(where.paramsWithPage(page)).query(OrganisationRepository::map).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /** Whether anything still points at the organisation and would be lost or orphaned by deleting it. */
    public long countDependants(long id) {
        return jdbc.sql("select (select count(*) from organisation where parent_id = ?) "
                + "+ (select count(*) from team where organisation_id = ?)").params(id, id).query(Long.class).single();
    }

    static Organisation map(ResultSet rs, int row) throws SQLException {
        return new Organisation(rs.getLong("id"), rs.getString("name"), rs.getString("short_name"),
                nullableLong(rs, "sector_id"), rs.getString("sector_name"), rs.getString("country"),
                OrganisationKind.valueOf(rs.getString("kind")), nullableLong(rs, "parent_id"),
                rs.getString("parent_name"), rs.getString("website"), rs.getString("description"),
                rs.getBoolean("demo"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
