package org.opencirt.incident.internal.web;

import java.time.Instant;
import org.opencirt.incident.Incident;

/**
 * Whether an incident is late, by the same rule as the overdue list: still open and past its resolution target, or
 * past its response target without a first response. Pages use it to highlight what is late.
 *
 * @param response   the response target has passed without a first response
 * @param resolution the resolution target has passed
 */
record Deadlines(boolean response, boolean resolution) {

    static Deadlines of(Incident incident, Instant now) {
        boolean open = incident.state().isOpen();
        return new Deadlines(open && incident.firstResponseAt() == null && before(incident.responseDue(), now),
                open && before(incident.resolutionDue(), now));
    }

    public boolean overdue() {
        return response || resolution;
    }

    private static boolean before(Instant due, Instant now) {
        return due != null && due.isBefore(now);
    }
}
