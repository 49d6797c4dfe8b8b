package org.opencirt.incident;

import java.time.Instant;
import java.util.List;

/**
 * Published once per incident when it is escalated for missing its SLA (no first response in time, or not
 * resolved in time), for features that react (crisis management, statistics).
 *
 * @param notified the duty officer addresses the escalation mail went to
 */
public record IncidentEscalated(long incidentId, Severity severity, Instant responseDue, Instant resolutionDue,
        boolean responseOverdue, boolean resolutionOverdue, List<String> notified, Instant escalatedAt) {
}
