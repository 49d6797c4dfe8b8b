package org.opencirt.incident;

import java.time.Instant;
import java.util.Set;

/**
 * Filters of the incident list; every one optional. {@code text} is full-text over title, description and tags;
 * {@code classification} matches an RSIT type or a whole RSIT class.
 */
public record IncidentQuery(String text, Set<IncidentState> states, Set<Severity> severities, String classification,
        Long sectorId, Long organisationId, Long teamId, Long assigneeId, String tlp, Instant createdFrom,
        Instant createdTo, Boolean overdue, String sort) {

    public static IncidentQuery all() {
        return new IncidentQuery(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
