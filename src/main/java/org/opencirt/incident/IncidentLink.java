package org.opencirt.incident;

import java.time.Instant;

/** A relation between two incidents, read from the incident at hand: RELATED both ways, PARENT of CHILD, DUPLICATE of. */
public record IncidentLink(long id, long fromId, long toId, Kind kind, String otherTitle, String createdBy,
        Instant createdAt) {

    public enum Kind { RELATED, DUPLICATE, PARENT, CHILD }

    public record Input(long toId, Kind kind) {
    }
}
