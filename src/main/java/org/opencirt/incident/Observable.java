package org.opencirt.incident;

import java.time.Instant;

/**
 * An indicator seen in an incident. The owner, when set, is the constituency organisation that the responsibility
 * lookup named for the value at the time it was added.
 */
public record Observable(long id, long incidentId, ObservableType type, String value, boolean ioc,
        String description, Instant firstSeen, Instant lastSeen, Long ownerId, String ownerName, Instant createdAt) {

    public record Input(ObservableType type, String value, Boolean ioc, String description, Instant firstSeen,
            Instant lastSeen) {
    }
}
