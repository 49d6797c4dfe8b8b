package org.opencirt.incident;

import java.util.List;

/** Published when an incident is opened, for features that react (crisis escalation, statistics, sharing). */
public record IncidentOpened(long incidentId, Severity severity, String classificationType,
        List<Long> organisationIds) {
}
