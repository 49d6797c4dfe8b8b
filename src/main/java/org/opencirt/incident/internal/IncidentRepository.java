package org.opencirt.incident.internal;

import static org.opencirt.common.SqlSupport.instant;
import static org.opencirt.common.SqlSupport.joinList;
import static org.opencirt.common.SqlSupport.nullableLong;
import static org.opencirt.common.SqlSupport.splitList;
import static org.opencirt.common.SqlSupport.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.Rsit;
import org.opencirt.common.Tlp;
import org.opencirt.incident.Incident;
import org.opencirt.incident.Incident.AffectedOrganisation;
import org.opencirt.incident.IncidentQuery;
import org.opencirt.incident.IncidentState;
import org.opencirt.incident.Pap;
import org.opencirt.incident.Severity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Persistence of incidents with their affected organisations and TLP:RED recipients. Lists are filtered in SQL,
 * with the access rule of {@link IncidentAccess} always part of the WHERE clause; full-text search uses
 * PostgreSQL's tsvector index where available and a substring match on H2 (every word). Lists are counted only up to
 * a limit, and a page is read as ids first, then rows, so that a million incidents list fast (ADR 0014).
 */
@Repository
public class IncidentRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> SORTS = Map.of(
            "created", "i.created_at desc, i.id desc",
            "created-asc", "i.created_at asc, i.id asc",
            "updated", "i.updated_at desc, i.id desc",
            "severity", "case i.severity when 'CRITICAL' then 0 when 'HIGH' then 1 when 'MEDIUM' then 2 else 3 end,"
                    + " i.created_at desc, i.id desc",
            "due", "i.resolution_due asc, i.id asc",
            "id", "i.id desc");

    private final JdbcClient jdbc;
    private final boolean postgres;
    private final int countLimit;

    /**
     * @param countLimit lists are counted up to this many matches; a longer list reports this many, marked as not
     *                   exact, so that counting never reads a million rows (ADR 0014)
     */
    public IncidentRepository(JdbcClient jdbc, javax.sql.DataSource dataSource,
            @Value("${opencirt.incident.count-limit:1000}") int countLimit) {
        this.jdbc = jdbc;
        this.postgres = DatabaseKind.isPostgres(dataSource);
        this.countLimit = countLimit;
    }

    /** The stored row: the fields the service writes. */
    public record Row(String title, String description, String taxonomy, String type, Severity severity, String impact,
            Tlp tlp, Pap pap, IncidentState state, Long teamId, String teamName, Long assigneeId, String assigneeName,
            List<String> tags, Map<String, String> customFields, Instant responseDue, Instant resolutionDue) {
    }

    public long insert(Row row, Long createdById, String createdBy, boolean demo, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into incident (title, description, classification_taxonomy, classification_type, severity, impact,
                                      tlp, pap, state, handling_team_id, handling_team_name, assignee_id, assignee_name,
                                      tags, custom_fields, response_due, resolution_due, created_by_id, created_by,
                                      created_at, updated_at, demo)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(row.title(), row.description(), row.taxonomy(), row.type(), row.severity().name(), row.impact(),
                        row.tlp().name(), row.pap().name(), row.state().name(), row.teamId(), row.teamName(),
                        row.assigneeId(), row.assigneeName(), joinList(row.tags()), json(row.customFields()),
                        utc(row.responseDue()), utc(row.resolutionDue()), createdById, createdBy, utc(now), utc(now),
                        demo)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void update(long id, Row row, Instant now) {
        jdbc.sql("""
                update incident set title = ?, description = ?, classification_taxonomy = ?, classification_type = ?,
                                    severity = ?, impact = ?, tlp = ?, pap = ?, handling_team_id = ?,
                                    handling_team_name = ?, assignee_id = ?, assignee_name = ?, tags = ?,
                                    custom_fields = ?, response_due = ?, resolution_due = ?, updated_at = ?
                where id = ?""")
                .params(row.title(), row.description(), row.taxonomy(), row.type(), row.severity().name(), row.impact(),
                        row.tlp().name(), row.pap().name(), row.teamId(), row.teamName(), row.assigneeId(),
                        row.assigneeName(), joinList(row.tags()), json(row.customFields()), utc(row.responseDue()),
                        utc(row.resolutionDue()), utc(now), id)
                .update();
    }

    /** Moves the state and stamps the moments that SLA and statistics need. */
    public void updateState(long id, IncidentState state, Instant now) {
        jdbc.sql("""
                update incident set state = ?, updated_at = ?,
                    first_response_at = case when first_response_at is null and ? not in ('NEW', 'TRIAGE') then ?
                                             else first_response_at end,
                    resolved_at = case when ? in ('RESOLVED', 'CLOSED') then coalesce(resolved_at, ?) else null end,
                    closed_at = case when ? = 'CLOSED' then ? else null end
                where id = ?""")
                .params(state.name(), utc(now), state.name(), utc(now), state.name(), utc(now), state.name(), utc(now),
                        id)
                .update();
    }

    public void markFirstResponse(long id, Instant now) {
        jdbc.sql("update incident set first_response_at = ? where id = ? and first_response_at is null")
                .params(utc(now), id).update();
    }

    /** Marks the incident escalated; false when it already was (so two runs never escalate it twice). */
    public boolean markEscalated(long id, Instant now) {
        return jdbc.sql("update incident set escalated_at = ? where id = ? and escalated_at is null")
                .params(utc(now), id).update() == 1;
    }

    public void markMerged(long id, long intoId, Instant now) {
        jdbc.sql("update incident set merged_into_id = ?, updated_at = ? where id = ?").params(intoId, utc(now), id)
                .update();
    }

    public void touch(long id, Instant now) {
        jdbc.sql("update incident set updated_at = ? where id = ?").params(utc(now), id).update();
    }

    public void replaceOrganisations(long id, List<AffectedOrganisation> organisations) {
        jdbc.sql("delete from incident_organisation where incident_id = ?").param(id).update();
        for (AffectedOrganisation organisation : organisations) {
            jdbc.sql("insert into incident_organisation (incident_id, organisation_id, organisation_name, sector_id)"
                    + " values (?, ?, ?, ?)")
                    .params(id, organisation.id(), organisation.name(), organisation.sectorId()).update();
        }
        // the incident's own copy of the ids, which lists filter on (ADR 0014); derived here and nowhere else
        jdbc.sql("""
                update incident set
                    organisation_ids = (select array_agg(f.organisation_id order by f.organisation_id)
                                        from incident_organisation f where f.incident_id = ?),
                    sector_ids = (select array_agg(distinct f.sector_id order by f.sector_id)
                                  from incident_organisation f where f.incident_id = ? and f.sector_id is not null)
                where id = ?""").params(id, id, id).update();
    }

    public void replaceRecipients(long id, List<Long> userIds) {
        jdbc.sql("delete from incident_recipient where incident_id = ?").param(id).update();
        for (Long userId : userIds) {
            jdbc.sql("insert into incident_recipient (incident_id, user_id) values (?, ?)").params(id, userId).update();
        }
    }

    public Optional<Incident> findById(long id) {
        return jdbc.sql("select i.* from incident i where i.id = ?").param(id).query(this::map).optional()
                .map(this::withRelations);
    }

    /** Ids of the open incidents whose resolution is due before {@code now} and that were not escalated yet. */
    public List<Long> findOverdueNotEscalated(Instant now) {
        return jdbc.sql("""
                select id from incident
                where state in ('NEW', 'TRIAGE', 'IN_PROGRESS', 'WAITING_FOR_CONSTITUENT', 'CONTAINED')
                  and escalated_at is null
                  and (resolution_due < ? or (first_response_at is null and response_due < ?))
                order by id""").params(utc(now), utc(now)).query(Long.class).list();
    }

    public PageResult<Incident> search(IncidentQuery query, IncidentAccess.Viewer viewer, Instant now,
            PageRequest page) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where ").append(viewer.condition(params, postgres));
        if (query.text() != null && !query.text().isBlank()) {
            if (postgres) {
                where.append(" and i.search @@ websearch_to_tsquery('simple', ?)");
                params.add(query.text().strip());
            } else {
                // every word somewhere, as websearch_to_tsquery ANDs the words on PostgreSQL
                for (String word : query.text().strip().toLowerCase(Locale.ROOT).split("\\s+")) {
                    String pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                    where.append(" and (lower(i.title) like ? escape '\\' or lower(i.description) like ? escape '\\'"
                            + " or lower(i.tags) like ? escape '\\')");
                    params.add(pattern);
                    params.add(pattern);
                    params.add(pattern);
                }
            }
        }
        if (query.states() != null && !query.states().isEmpty()) {
            where.append(" and i.state in (").append(placeholders(query.states().size())).append(")");
            query.states().forEach(s -> params.add(s.name()));
        }
        if (query.severities() != null && !query.severities().isEmpty()) {
            where.append(" and i.severity in (").append(placeholders(query.severities().size())).append(")");
            query.severities().forEach(s -> params.add(s.name()));
        }
        if (query.classification() != null && !query.classification().isBlank()) {
            String classification = query.classification().strip();
            where.append(Rsit.isClass(classification) ? " and i.classification_taxonomy = ?"
                    : " and i.classification_type = ?");
            params.add(classification);
        }
        if (query.organisationId() != null) {
            where.append(" and ").append(IncidentAccess.contains(postgres, "i.organisation_ids"));
            params.add(query.organisationId());
        }
        if (query.sectorId() != null) {
            where.append(" and ").append(IncidentAccess.contains(postgres, "i.sector_ids"));
            params.add(query.sectorId());
        }
        addEqual(where, params, "i.handling_team_id", query.teamId());
        addEqual(where, params, "i.assignee_id", query.assigneeId());
        if (query.tlp() != null && !query.tlp().isBlank()) {
            addEqual(where, params, "i.tlp", Tlp.parse(query.tlp()).name());
        }
        if (query.createdFrom() != null) {
            where.append(" and i.created_at >= ?");
            params.add(utc(query.createdFrom()));
        }
        if (query.createdTo() != null) {
            where.append(" and i.created_at < ?");
            params.add(utc(query.createdTo()));
        }
        if (Boolean.TRUE.equals(query.overdue())) {
            where.append(" and i.state in ('NEW', 'TRIAGE', 'IN_PROGRESS', 'WAITING_FOR_CONSTITUENT', 'CONTAINED')"
                    + " and (i.resolution_due < ? or (i.first_response_at is null and i.response_due < ?))");
            params.add(utc(now));
            params.add(utc(now));
        }
        String order = SORTS.getOrDefault(query.sort() == null ? "created" : query.sort(), SORTS.get("created"));
        if (postgres) {
            // plans made for the values at hand (a generic plan cannot tell a common word or a busy organisation from
            // a rare one), without JIT compilation, which costs more than these short queries
            jdbc.sql("select set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true)")
                    .query().singleRow();
        }
        // the page's ids (an index-only scan where an index covers the filters and the access rule), then their rows
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        List<Long> ids = jdbc.sql("select i.id from incident i" + where + " order by " + order + " limit ? offset ?")
                .params(pageParams).query(Long.class).list();
        List<Incident> items = rows(ids, order);
        long seen = page.offset() + ids.size();
        if (ids.size() < page.size() && (!ids.isEmpty() || page.offset() == 0)) {
            // the last page: where it ends is the total, no count needed
            return new PageResult<>(items, page.page(), page.size(), seen);
        }
        if (seen > countLimit) {
            return new PageResult<>(items, page.page(), page.size(), seen, false);
        }
        // counts at most countLimit + 1 matches, in any order: enough to tell an exact total from a longer list
        List<Object> countParams = new ArrayList<>(params);
        countParams.add(countLimit + 1);
        long counted = jdbc.sql("select count(*) from (select 1 from incident i" + where + " limit ?) c")
                .params(countParams).query(Long.class).single();
        return counted > countLimit
                ? new PageResult<>(items, page.page(), page.size(), countLimit, false)
                : new PageResult<>(items, page.page(), page.size(), counted);
    }

    /** The incidents of these ids with their relations, in the list's order. */
    private List<Incident> rows(List<Long> ids, String order) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withRelations(jdbc.sql("select i.* from incident i where i.id in (" + placeholders(ids.size())
                + ") order by " + order).params(new ArrayList<Object>(ids)).query(this::map).list());
    }

    /** Checks a sort key before it reaches SQL. */
    public static boolean isSort(String sort) {
        return sort == null || SORTS.containsKey(sort);
    }

    public static List<String> sorts() {
        return List.copyOf(SORTS.keySet());
    }

    private static void addEqual(StringBuilder where, List<Object> params, String column, Object value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private Incident withRelations(Incident incident) {
        return withRelations(List.of(incident)).get(0);
    }

    /** Fills organisations and recipients of a page of incidents with two queries, not two per incident. */
    private List<Incident> withRelations(List<Incident> incidents) {
        if (incidents.isEmpty()) {
            return incidents;
        }
        List<Object> ids = incidents.stream().map(i -> (Object) i.id()).toList();
        String in = placeholders(ids.size());
        Map<Long, List<AffectedOrganisation>> organisations = new HashMap<>();
        jdbc.sql("select * from incident_organisation where incident_id in (" + in + ") order by organisation_name")
                .params(ids).query(rs -> {
                    organisations.computeIfAbsent(rs.getLong("incident_id"), k -> new ArrayList<>())
                            .add(new AffectedOrganisation(rs.getLong("organisation_id"),
                                    rs.getString("organisation_name"), nullableLong(rs, "sector_id")));
                });
        Map<Long, List<Long>> recipients = new HashMap<>();
        jdbc.sql("select * from incident_recipient where incident_id in (" + in + ") order by user_id").params(ids)
                .query(rs -> {
                    recipients.computeIfAbsent(rs.getLong("incident_id"), k -> new ArrayList<>())
                            .add(rs.getLong("user_id"));
                });
        return incidents.stream().map(i -> new Incident(i.id(), i.title(), i.description(),
                i.classificationTaxonomy(), i.classificationType(), i.severity(), i.impact(), i.tlp(), i.pap(),
                i.state(), i.handlingTeamId(), i.handlingTeamName(), i.assigneeId(), i.assigneeName(), i.tags(),
                i.customFields(), List.copyOf(organisations.getOrDefault(i.id(), List.of())),
                List.copyOf(recipients.getOrDefault(i.id(), List.of())), i.createdById(), i.createdBy(),
                i.createdAt(), i.updatedAt(), i.responseDue(), i.resolutionDue(), i.firstResponseAt(),
                i.resolvedAt(), i.closedAt(), i.escalatedAt(), i.mergedIntoId(), i.demo()))
                .collect(Collectors.toList());
    }

    private Incident map(ResultSet rs, int row) throws SQLException {
        return new Incident(rs.getLong("id"), rs.getString("title"), rs.getString("description"),
                rs.getString("classification_taxonomy"), rs.getString("classification_type"),
                Severity.valueOf(rs.getString("severity")), rs.getString("impact"), Tlp.valueOf(rs.getString("tlp")),
                Pap.valueOf(rs.getString("pap")), IncidentState.valueOf(rs.getString("state")),
                nullableLong(rs, "handling_team_id"), rs.getString("handling_team_name"),
                nullableLong(rs, "assignee_id"), rs.getString("assignee_name"), splitList(rs.getString("tags")),
                customFields(rs.getString("custom_fields")), List.of(), List.of(), nullableLong(rs, "created_by_id"),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "response_due"), instant(rs, "resolution_due"), instant(rs, "first_response_at"),
                instant(rs, "resolved_at"), instant(rs, "closed_at"), instant(rs, "escalated_at"),
                nullableLong(rs, "merged_into_id"), rs.getBoolean("demo"));
    }

    private static String json(Map<String, String> fields) {
        return fields == null || fields.isEmpty() ? null : JSON.writeValueAsString(fields);
    }

    private static Map<String, String> customFields(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
    }
}
