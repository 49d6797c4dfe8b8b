package org.opencirt.incident.internal.web;

import java.time.Instant;
import org.opencirt.incident.Incident;

/** One line of the incident list: the incident and whether it is late. */
record IncidentRow(Incident incident, Deadlines due) {

    static IncidentRow of(Incident incident, Instant now) {
        return new IncidentRow(incident, Deadlines.of(incident, now));
    }
}
