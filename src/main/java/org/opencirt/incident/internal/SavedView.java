package org.opencirt.incident.internal;

import java.time.Instant;

/**
 * A user's named filter set of the incident list, kept as the list's query string ({@code state=NEW&severity=HIGH})
 * so that opening the view opens the same list, in the UI and through the API alike.
 */
public record SavedView(long id, long userId, String name, String query, Instant createdAt) {

    /** What a client sends to save a view. */
    public record Input(String name, String query) {
    }
}
