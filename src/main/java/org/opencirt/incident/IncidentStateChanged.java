package org.opencirt.incident;

/** Published after an incident changed state (a reopen is a change from RESOLVED or CLOSED to an open state). */
public record IncidentStateChanged(long incidentId, IncidentState from, IncidentState to, String reason) {
}
