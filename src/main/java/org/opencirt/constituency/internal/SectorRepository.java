package org.opencirt.constituency.internal;

import static org.opencirt.common.SqlSupport.instant;
import static org.opencirt.common.SqlSupport.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.SqlSupport.Where;
import org.opencirt.constituency.Sector;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Persistence of sectors. */
@Repository
public class SectorRepository {

    private final JdbcClient jdbc;

    public SectorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(Sector.Input input, boolean demo, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into sector (name, description, critical_infrastructure, demo, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(input.name(), input.description(), input.criticalInfrastructure(), demo, utc(now), utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void update(long id, Sector.Input input, Instant now) {
        jdbc.sql("update sector set name = ?, description = ?, critical_infrastructure = ?, updated_at = ? where id = ?")
                .params(input.name(), input.description(), input.criticalInfrastructure(), utc(now), id).update();
    }

    public void delete(long id) {
        jdbc.sql("delete from sector where id = ?").param(id).update();
    }

    public Optional<Sector> findById(long id) {
        return jdbc.sql("select * from sector where id = ?").param(id).query(SectorRepository::map).optional();
    }

    public Optional<Sector> findByName(String name) {
        return jdbc.sql("select * from sector where lower(name) = lower(?)").param(name).query(SectorRepository::map)
                .optional();
    }

    public List<Sector> findAll() {
        return jdbc.sql("select * from sector order by name").query(SectorRepository::map).list();
    }

    public PageResult<Sector> search(String text, PageRequest page) {
        Where where = new Where().contains(text, "name", "description");
        long total = jdbc.sql("select count(*) from sector" + where.sql()).params(where.params()).query(Long.class)
                .single();
        List<Sector> items = jdbc.sql("select * from sector" + where.sql() + " order by name limit ? offset ?")
                .params(where.paramsWithPage(page)).query(SectorRepository::map).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    public long countOrganisations(long sectorId) {
        return jdbc.sql("select (select count(*) from organisation where sector_id = ?) "
                + "+ (select count(*) from team where sector_id = ?)").params(sectorId, sectorId)
                .query(Long.class).single();
    }

    static Sector map(ResultSet rs, int row) throws SQLException {
        return new Sector(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                rs.getBoolean("critical_infrastructure"), rs.getBoolean("demo"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
