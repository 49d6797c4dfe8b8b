package org.opencirt.incident;

import java.time.Instant;

/** A piece of work inside an incident, with whom it is on and by when. */
public record IncidentTask(long id, long incidentId, String title, String description, Long assigneeId,
        String assigneeName, Instant dueAt, Status status, Instant createdAt, Instant updatedAt, Instant doneAt) {

    public enum Status { OPEN, IN_PROGRESS, DONE, CANCELLED }

    public record Input(String title, String description, Long assigneeId, Instant dueAt, Status status) {
    }
}
