package org.opencirt.incident.internal;

import static org.opencirt.common.SqlSupport.instant;
import static org.opencirt.common.SqlSupport.nullableLong;
import static org.opencirt.common.SqlSupport.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencirt.incident.Correlation;
import org.opencirt.incident.IncidentLink;
import org.opencirt.incident.IncidentNote;
import org.opencirt.incident.IncidentState;
import org.opencirt.incident.IncidentTask;
import org.opencirt.incident.Observable;
import org.opencirt.incident.ObservableType;
import org.opencirt.incident.StateChange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Persistence of what hangs off an incident: state changes, observables, tasks, notes and links. */
@Repository
public class IncidentPartsRepository {

    private final JdbcClient jdbc;

    public IncidentPartsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- state changes

    public void insertStateChange(long incidentId, IncidentState from, IncidentState to, String reason, String actor,
            Instant at) {
        jdbc.sql("insert into incident_state_change (incident_id, from_state, to_state, reason, actor, changed_at)"
                + " values (?, ?, ?, ?, ?, ?)")
                .params(incidentId, from == null ? null : from.name(), to.name(), reason, actor, utc(at)).update();
    }

    public List<StateChange> stateChanges(long incidentId) {
        return jdbc.sql("select * from incident_state_change where incident_id = ? order by changed_at, id")
                .param(incidentId)
                .query((rs, n) -> new StateChange(rs.getLong("id"), incidentId,
                        rs.getString("from_state") == null ? null : IncidentState.valueOf(rs.getString("from_state")),
                        IncidentState.valueOf(rs.getString("to_state")), rs.getString("reason"),
                        rs.getString("actor"), instant(rs, "changed_at")))
                .list();
    }

    // --- observables

    public long insertObservable(long incidentId, Observable.Input input, String key, Long ownerId, String ownerName,
            Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into observable (incident_id, type, observed_value, value_key, ioc, description, first_seen, last_seen,
                                        owner_id, owner_name, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(incidentId, input.type().name(), input.value(), key, Boolean.TRUE.equals(input.ioc()),
                        input.description(), utc(input.firstSeen()), utc(input.lastSeen()), ownerId, ownerName,
                        utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void updateObservable(long id, Observable.Input input) {
        jdbc.sql("update observable set ioc = ?, description = ?, first_seen = ?, last_seen = ? where id = ?")
                .params(Boolean.TRUE.equals(input.ioc()), input.description(), utc(input.firstSeen()),
                        utc(input.lastSeen()), id)
                .update();
    }

    public void deleteObservable(long id) {
        jdbc.sql("delete from observable where id = ?").param(id).update();
    }

    public Optional<Observable> findObservable(long id) {
        return jdbc.sql("select * from observable where id = ?").param(id).query(IncidentPartsRepository::observable)
                .optional();
    }

    public Optional<Observable> findObservable(long incidentId, ObservableType type, String key) {
        return jdbc.sql("select * from observable where incident_id = ? and type = ? and value_key = ?")
                .params(incidentId, type.name(), key).query(IncidentPartsRepository::observable).optional();
    }

    public List<Observable> observables(long incidentId) {
        return jdbc.sql("select * from observable where incident_id = ? order by type, observed_value").param(incidentId)
                .query(IncidentPartsRepository::observable).list();
    }

    /** Other incidents holding an observable of this one, filtered by the access rule. */
    public List<Correlation> correlations(long incidentId, IncidentAccess.Viewer viewer) {
        List<Object> params = new java.util.ArrayList<>();
        params.add(incidentId);
        String access = viewer.condition(params);
        return jdbc.sql("""
                select i.id, i.title, i.state, o2.type, o2.observed_value
                from observable o1
                join observable o2 on o2.type = o1.type and o2.value_key = o1.value_key and o2.incident_id <> o1.incident_id
                join incident i on i.id = o2.incident_id
                where o1.incident_id = ? and\s""" + access + " order by i.id desc, o2.type, o2.observed_value limit 500")
                .params(params)
                .query((rs, n) -> new Correlation(rs.getLong("id"), rs.getString("title"),
                        IncidentState.valueOf(rs.getString("state")), ObservableType.valueOf(rs.getString("type")),
                        rs.getString("observed_value")))
                .list();
    }

    private static Observable observable(ResultSet rs, int row) throws SQLException {
        return new Observable(rs.getLong("id"), rs.getLong("incident_id"), ObservableType.valueOf(rs.getString("type")),
                rs.getString("observed_value"), rs.getBoolean("ioc"), rs.getString("description"), instant(rs, "first_seen"),
                instant(rs, "last_seen"), nullableLong(rs, "owner_id"), rs.getString("owner_name"),
                instant(rs, "created_at"));
    }

    // --- tasks

    public long insertTask(long incidentId, IncidentTask.Input input, String assigneeName, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        IncidentTask.Status status = input.status() == null ? IncidentTask.Status.OPEN : input.status();
        jdbc.sql("""
                insert into incident_task (incident_id, title, description, assignee_id, assignee_name, due_at, status,
                                           created_at, updated_at, done_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(incidentId, input.title(), input.description(), input.assigneeId(), assigneeName,
                        utc(input.dueAt()), status.name(), utc(now), utc(now),
                        status == IncidentTask.Status.DONE ? utc(now) : null)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void updateTask(long id, IncidentTask.Input input, String assigneeName, Instant now) {
        jdbc.sql("""
                update incident_task set title = ?, description = ?, assignee_id = ?, assignee_name = ?, due_at = ?,
                    status = ?, updated_at = ?,
                    done_at = case when ? = 'DONE' then coalesce(done_at, ?) else null end
                where id = ?""")
                .params(input.title(), input.description(), input.assigneeId(), assigneeName, utc(input.dueAt()),
                        input.status().name(), utc(now), input.status().name(), utc(now), id)
                .update();
    }

    public Optional<IncidentTask> findTask(long id) {
        return jdbc.sql("select * from incident_task where id = ?").param(id).query(IncidentPartsRepository::task)
                .optional();
    }

    public List<IncidentTask> tasks(long incidentId) {
        return jdbc.sql("select * from incident_task where incident_id = ? order by created_at, id").param(incidentId)
                .query(IncidentPartsRepository::task).list();
    }

    /** Open tasks of one user across incidents, soonest due first; incidents filtered by the access rule. */
    public List<IncidentTask> openTasksOf(long userId, IncidentAccess.Viewer viewer) {
        List<Object> params = new java.util.ArrayList<>();
        params.add(userId);
        String access = viewer.condition(params);
        return jdbc.sql("select t.* from incident_task t join incident i on i.id = t.incident_id"
                + " where t.assignee_id = ? and t.status in ('OPEN', 'IN_PROGRESS') and " + access
                + " order by t.due_at nulls last, t.id limit 500")
                .params(params).query(IncidentPartsRepository::task).list();
    }

    private static IncidentTask task(ResultSet rs, int row) throws SQLException {
        return new IncidentTask(rs.getLong("id"), rs.getLong("incident_id"), rs.getString("title"),
                rs.getString("description"), nullableLong(rs, "assignee_id"), rs.getString("assignee_name"),
                instant(rs, "due_at"), IncidentTask.Status.valueOf(rs.getString("status")), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "done_at"));
    }

    // --- notes (comments and timeline)

    public long insertNote(long incidentId, IncidentNote.Kind kind, IncidentNote.Input input, boolean internal,
            Long authorId, String author, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into incident_note (incident_id, kind, body, occurred_at, internal, author_id, author, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(incidentId, kind.name(), input.body(),
                        utc(input.occurredAt() == null ? now : input.occurredAt()), internal, authorId, author,
                        utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<IncidentNote> notes(long incidentId, IncidentNote.Kind kind, boolean includeInternal) {
        String order = kind == IncidentNote.Kind.TIMELINE ? "occurred_at, id" : "created_at, id";
        return jdbc.sql("select * from incident_note where incident_id = ? and kind = ?"
                + (includeInternal ? "" : " and internal = false") + " order by " + order)
                .params(incidentId, kind.name())
                .query((rs, n) -> new IncidentNote(rs.getLong("id"), incidentId,
                        IncidentNote.Kind.valueOf(rs.getString("kind")), rs.getString("body"),
                        instant(rs, "occurred_at"), rs.getBoolean("internal"), rs.getString("author"),
                        instant(rs, "created_at")))
                .list();
    }

    // --- links

    public void insertLink(long fromId, long toId, IncidentLink.Kind kind, String actor, Instant now) {
        jdbc.sql("insert into incident_link (from_id, to_id, kind, created_by, created_at) values (?, ?, ?, ?, ?)")
                .params(fromId, toId, kind.name(), actor, utc(now)).update();
    }

    public boolean linkExists(long fromId, long toId, IncidentLink.Kind kind) {
        return jdbc.sql("select count(*) from incident_link where from_id = ? and to_id = ? and kind = ?")
                .params(fromId, toId, kind.name()).query(Long.class).single() > 0;
    }

    public void deleteLink(long id) {
        jdbc.sql("delete from incident_link where id = ?").param(id).update();
    }

    public Optional<long[]> findLink(long id) {
        return jdbc.sql("select from_id, to_id from incident_link where id = ?").param(id)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional();
    }

    /**
     * Links of an incident in both directions, each read from this incident's side (a PARENT link stored from the
     * other side reads as CHILD here), with the other incident's title; incidents the viewer may not see are left out.
     */
    public List<IncidentLink> links(long incidentId, IncidentAccess.Viewer viewer) {
        List<Object> params = new java.util.ArrayList<>();
        params.add(incidentId);
        params.add(incidentId);
        params.add(incidentId);
        String access = viewer.condition(params);
        return jdbc.sql("""
                select l.id, l.from_id, l.to_id, l.kind, l.created_by, l.created_at, i.title, i.id as other_id
                from incident_link l
                join incident i on i.id = case when l.from_id = ? then l.to_id else l.from_id end
                where (l.from_id = ? or l.to_id = ?) and\s""" + access + " order by l.created_at, l.id")
                .params(params)
                .query((rs, n) -> {
                    boolean outgoing = rs.getLong("from_id") == incidentId;
                    IncidentLink.Kind kind = IncidentLink.Kind.valueOf(rs.getString("kind"));
                    if (!outgoing) {
                        kind = switch (kind) {
                            case PARENT -> IncidentLink.Kind.CHILD;
                            case CHILD -> IncidentLink.Kind.PARENT;
                            default -> kind;
                        };
                    }
                    return new IncidentLink(rs.getLong("id"), incidentId, rs.getLong("other_id"), kind,
                            rs.getString("title"), rs.getString("created_by"), instant(rs, "created_at"));
                })
                .list();
    }

    // --- merge

    /** Moves observables, tasks, notes and mails of {@code fromId} to {@code toId}; duplicates stay behind. */
    public void moveParts(long fromId, long toId) {
        jdbc.sql("""
                update observable set incident_id = ? where incident_id = ?
                  and not exists (select 1 from observable o where o.incident_id = ? and o.type = observable.type
                                  and o.value_key = observable.value_key)""")
                .params(toId, fromId, toId).update();
        jdbc.sql("update incident_task set incident_id = ? where incident_id = ?").params(toId, fromId).update();
        jdbc.sql("update incident_note set incident_id = ? where incident_id = ?").params(toId, fromId).update();
        jdbc.sql("update correspondence set incident_id = ? where incident_id = ?").params(toId, fromId).update();
    }
}
