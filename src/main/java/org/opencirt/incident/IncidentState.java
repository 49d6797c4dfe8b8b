package org.opencirt.incident;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of an incident. Any open state may move to any other open state or to RESOLVED; RESOLVED moves to
 * CLOSED; RESOLVED and CLOSED go back to IN_PROGRESS only by a reopen, which needs a reason.
 */
public enum IncidentState {
    NEW, TRIAGE, IN_PROGRESS, WAITING_FOR_CONSTITUENT, CONTAINED, RESOLVED, CLOSED;

    private static final Set<IncidentState> OPEN = EnumSet.of(NEW, TRIAGE, IN_PROGRESS, WAITING_FOR_CONSTITUENT,
            CONTAINED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** Whether the change is allowed without a reopen. */
    public boolean canMoveTo(IncidentState target) {
        if (target == this) {
            return false;
        }
        if (isOpen()) {
            return target != CLOSED;
        }
        return this == RESOLVED && target == CLOSED;
    }

    /** Whether going to {@code target} is a reopen (from RESOLVED or CLOSED back to work). */
    public boolean isReopenTo(IncidentState target) {
        return !isOpen() && target.isOpen();
    }

    public static Set<IncidentState> open() {
        return EnumSet.copyOf(OPEN);
    }
}
