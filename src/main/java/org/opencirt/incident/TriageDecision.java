package org.opencirt.incident;

import java.util.List;

/**
 * What triage does with one or more reports: ACCEPT them into one new incident (fields in {@code incident} override
 * what the reports say), ATTACH them to the existing incident {@code incidentId}, or REJECT them with a reason.
 */
public record TriageDecision(List<Long> reportIds, Action action, Long incidentId, String reason,
        Incident.Input incident) {

    public enum Action { ACCEPT, ATTACH, REJECT }
}
