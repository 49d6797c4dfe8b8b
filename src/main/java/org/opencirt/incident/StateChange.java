package org.opencirt.incident;

import java.time.Instant;

/** One move of an incident's state, with who and why. */
public record StateChange(long id, long incidentId, IncidentState from, IncidentState to, String reason, String actor,
        Instant changedAt) {
}
