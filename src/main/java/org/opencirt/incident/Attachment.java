package org.opencirt.incident;

import java.time.Instant;

/** A file that came with a report or was added to an incident, kept by SHA-256. */
public record Attachment(long id, Long reportId, Long incidentId, String fileName, String contentType, long size,
        String sha256, String uploadedBy, Instant createdAt) {

    /** A file as it arrives, before it is stored. */
    public record Upload(String fileName, String contentType, byte[] content) {
    }
}
