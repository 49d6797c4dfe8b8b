package org.opencirt.incident.internal;

import java.util.List;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.Tlp;
import org.opencirt.identity.CurrentUser;
import org.opencirt.identity.Role;
import org.opencirt.incident.Incident;

/**
 * The incident feature's one access rule, applied to single reads and to every list as SQL:
 * staff see all incidents; a CONSTITUENT sees only incidents that affect its organisation; TLP:RED is seen only by
 * its named recipients, its creator and its assignee, whoever they are. No user (system work) sees everything.
 * Hidden incidents answer “not found”.
 */
public final class IncidentAccess {

    private IncidentAccess() {
    }

    /** Who is asking, reduced to what the rule needs. */
    public record Viewer(Long userId, Long organisationId, boolean system) {

        /** The SQL condition on incident alias {@code i}, with its parameters. */
        public String condition(List<Object> params) {
            return build(params, null);
        }

        /**
         * The same condition, reading the affected organisations from the incident's own array of their ids
         * ({@code incident.organisation_ids}) instead of a subquery: PostgreSQL intersects that array's GIN index
         * with the other filters' indexes (ADR 0014).
         */
        public String condition(List<Object> params, boolean postgres) {
            return build(params, postgres);
        }

        private String build(List<Object> params, Boolean arraysOnPostgres) {
            if (system) {
                return "1 = 1";
            }
            StringBuilder sql = new StringBuilder("(i.tlp <> 'RED' or i.created_by_id = ? or i.assignee_id = ?"
                    + " or exists (select 1 from incident_recipient r where r.incident_id = i.id and r.user_id = ?))");
            params.add(userId);
            params.add(userId);
            params.add(userId);
            if (organisationId != null) {
                sql.append(" and ").append(arraysOnPostgres == null
                        ? "exists (select 1 from incident_organisation io where io.incident_id = i.id"
                                + " and io.organisation_id = ?)"
                        : contains(arraysOnPostgres, "i.organisation_ids"));
                params.add(organisationId);
            }
            return sql.toString();
        }

        public boolean canSee(Incident incident) {
            if (system) {
                return true;
            }
            boolean named = userId != null && (userId.equals(incident.assigneeId())
                    || incident.recipients().contains(userId) || isCreator(incident));
            if (incident.tlp() == Tlp.RED && !named) {
                return false;
            }
            return organisationId == null
                    || incident.organisations().stream().anyMatch(o -> o.id() == organisationId);
        }

        private boolean isCreator(Incident incident) {
            return userId.equals(incident.createdById());
        }

        /** Constituents see neither internal notes nor the change history. */
        public boolean staff() {
            return organisationId == null;
        }
    }

    /** Whether the bigint array {@code column} holds the next parameter: GIN-indexable on PostgreSQL. */
    static String contains(boolean postgres, String column) {
        return postgres ? column + " @> array[cast(? as bigint)]" : "array_contains(" + column + ", ?)";
    }

    public static Viewer viewer() {
        return CurrentUser.get()
                .map(user -> new Viewer(user.id(), CurrentUser.restrictedOrganisation(), false))
                .orElse(new Viewer(null, null, true));
    }

    /** Whether the caller may change incidents (triage, edit, tasks...), as opposed to read or comment. */
    public static boolean canWork() {
        return CurrentUser.get().map(u -> u.hasRole(Role.ADMIN, Role.COORDINATOR, Role.ANALYST)).orElse(true);
    }

    public static NotFoundException notFound(long id) {
        return new NotFoundException("Incident", id);
    }
}
