package org.opencirt.incident;

import java.time.Instant;

/**
 * A comment (discussion) or a timeline entry (what happened when, told apart from the change history).
 * An internal note is never shown to constituents.
 */
public record IncidentNote(long id, long incidentId, Kind kind, String body, Instant occurredAt, boolean internal,
        String author, Instant createdAt) {

    public enum Kind { COMMENT, TIMELINE }

    public record Input(String body, Instant occurredAt, Boolean internal) {
    }
}
