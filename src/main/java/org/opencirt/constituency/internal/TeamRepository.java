package org.opencirt.constituency.internal;

import static org.opencirt.common.SqlSupport.instant;
import static org.opencirt.common.SqlSupport.joinList;
import static org.opencirt.common.SqlSupport.nullableLong;
import static org.opencirt.common.SqlSupport.splitList;
import static org.opencirt.common.SqlSupport.utc;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencirt.common.Countries;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.SqlSupport.Where;
import org.opencirt.constituency.Team;
import org.opencirt.constituency.TeamKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Persistence of teams and their RFC 2350 profile columns. */
@Repository
public class TeamRepository {

    private static final String SELECT = "select t.*, s.name as sector_name from team t "
            + "left join sector s on s.id = t.sector_id";
    private static final String COLUMNS = "name, short_name, kind, country, organisation_id, sector_id, memberships, "
            + "email, phone, website, address, time_zone, mission, constituency_scope, sponsorship, authority, "
            + "service_hours, languages, incident_policy, cooperation_policy, communication_policy, services, "
            + "reporting_forms, disclaimers, profile_updated_on";

    private final JdbcClient jdbc;

    public TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(Team.Input input, boolean demo, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        List<Object> values = values(input);
        values.add(demo);
        values.add(utc(now));
        values.add(utc(now));
        jdbc.sql("insert into team (" + COLUMNS + ", demo, created_at, updated_at) values ("
                + "?, ".repeat(values.size() - 1) + "?)").params(values).update(keys, "id");
        return keys.getKey().longValue();
    }

    public void update(long id, Team.Input input, Instant now) {
        List<Object> values = values(input);
        values.add(utc(now));
        values.add(id);
        jdbc.sql("update team set " + String.join(" = ?, ", COLUMNS.split(", ")) + " = ?, updated_at = ? where id = ?")
                .params(values).update();
    }

    private static List<Object> values(Team.Input input) {
        Team.Rfc2350 p = input.profile() == null ? Team.Rfc2350.empty() : input.profile();
        List<Object> values = new ArrayList<>();
        values.add(input.name());
        values.add(input.shortName());
        values.add(input.kind().name());
        values.add(input.country());
        values.add(input.organisationId());
        values.add(input.sectorId());
        values.add(joinList(input.memberships()));
        values.add(p.email());
        values.add(p.phone());
        values.add(p.website());
        values.add(p.address());
        values.add(p.timeZone());
        values.add(p.mission());
        values.add(p.constituencyScope());
        values.add(p.sponsorship());
        values.add(p.authority());
        values.add(p.serviceHours());
        values.add(p.languages());
        values.add(p.incidentPolicy());
        values.add(p.cooperationPolicy());
        values.add(p.communicationPolicy());
        values.add(p.services());
        values.add(p.reportingForms());
        values.add(p.disclaimers());
        values.add(p.updatedOn() == null ? null : Date.valueOf(p.updatedOn()));
        return values;
    }

    public void delete(long id) {
        jdbc.sql("delete from team where id = ?").param(id).update();
    }

    public Optional<Team> findById(long id) {
        return jdbc.sql(SELECT + " where t.id = ?").param(id).query(TeamRepository::map).optional();
    }

    public Optional<Team> findByName(String name) {
        return jdbc.sql(SELECT + " where lower(t.name) = lower(?)").param(name).query(TeamRepository::map).optional();
    }

    public List<Team> findAll() {
        return jdbc.sql(SELECT + " order by t.name").query(TeamRepository::map).list();
    }

    public List<Team> findByKind(TeamKind kind) {
        return jdbc.sql(SELECT + " where t.kind = ? order by t.id").param(kind.name()).query(TeamRepository::map)
                .list();
    }

    public PageResult<Team> search(String text, TeamKind kind, Long sectorId, String country, PageRequest page) {
        Where where = new Where()
                .contains(text, "t.name", "t.short_name")
                .equal("t.kind", kind == null ? null : kind.name())
                .equal("t.sector_id", sectorId)
                .equal("t.country", Countries.normalise(country));
        long total = jdbc.sql("select count(*) from team t" + where.sql()).params(where.params()).query(Long.class)
                .single();
        List<Team> items = jdbc.sql(SELECT + where.sql() + " order by t.name limit ? offset ?")
                .params(where.paramsWithPage(page)).query(TeamRepository::map).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    static Team map(ResultSet rs, int row) throws SQLException {
        Date updatedOn = rs.getDate("profile_updated_on");
        Team.Rfc2350 profile = new Team.Rfc2350(rs.getString("email"), rs.getString("phone"), rs.getString("website"),
                rs.getString("address"), rs.getString("time_zone"), rs.getString("mission"),
                rs.getString("constituency_scope"), rs.getString("sponsorship"), rs.getString("authority"),
                rs.getString("service_hours"), rs.getString("languages"), rs.getString("incident_policy"),
                rs.getString("cooperation_policy"), rs.getString("communication_policy"), rs.getString("services"),
                rs.getString("reporting_forms"), rs.getString("disclaimers"),
                updatedOn == null ? null : updatedOn.toLocalDate());
        return new Team(rs.getLong("id"), rs.getString("name"), rs.getString("short_name"),
                TeamKind.valueOf(rs.getString("kind")), rs.getString("country"), nullableLong(rs, "organisation_id"),
                nullableLong(rs, "sector_id"), rs.getString("sector_name"), splitList(rs.getString("memberships")),
                profile, rs.getBoolean("demo"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
