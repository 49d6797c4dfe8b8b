package org.opencirt.incident.internal.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.opencirt.incident.IncidentQuery;
import org.opencirt.incident.IncidentState;
import org.opencirt.incident.Severity;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The incident list's filters as the page's form sends them: several states and severities, whole days (UTC) for
 * the creation dates, the last day included.
 */
record IncidentFilter(String q, Set<IncidentState> state, Set<Severity> severity, String classification,
        Long sectorId, Long organisationId, Long teamId, Long assigneeId, String tlp,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate createdFrom,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate createdTo, Boolean overdue, String sort) {

    static final IncidentFilter NONE = new IncidentFilter(null, null, null, null, null, null, null, null, null, null,
            null, null, null);

    IncidentQuery query() {
        return new IncidentQuery(q, state, severity, blankToNull(classification), sectorId, organisationId, teamId,
                assigneeId, tlp, createdFrom == null ? null : createdFrom.atStartOfDay(ZoneOffset.UTC).toInstant(),
                createdTo == null ? null : createdTo.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), overdue,
                blankToNull(sort));
    }

    public boolean hasState(IncidentState candidate) {
        return state != null && state.contains(candidate);
    }

    public boolean hasSeverity(Severity candidate) {
        return severity != null && severity.contains(candidate);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
