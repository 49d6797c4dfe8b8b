package org.opencirt.pipeline;

import java.time.Instant;

/**
 * One file received for a feed, stored before it is processed, with where processing stands: {@code state}
 * (received, processing, done, failed), the checkpoint {@code lastCommittedLine} a restart resumes after, and counts
 * that account for every line (events stored, of which outside the constituency, quarantined, and dropped by the
 * processing rules: by a filter rule, or as a repeat within a de-duplication window).
 */
public record RawInput(long id, long feedId, String fileName, long sizeBytes, String sha256, Instant receivedAt,
        String state, long linesProcessed, long eventsStored, long eventsOutside, long quarantined,
        long lastCommittedLine, Instant startedAt, Instant finishedAt, String error, long eventsDropped,
        long eventsRepeated) {

    /** An input before processing rules existed (none dropped). */
    public RawInput(long id, long feedId, String fileName, long sizeBytes, String sha256, Instant receivedAt,
            String state, long linesProcessed, long eventsStored, long eventsOutside, long quarantined,
            long lastCommittedLine, Instant startedAt, Instant finishedAt, String error) {
        this(id, feedId, fileName, sizeBytes, sha256, receivedAt, state, linesProcessed, eventsStored, eventsOutside,
                quarantined, lastCommittedLine, startedAt, finishedAt, error, 0, 0);
    }

    /** The answer to an upload: the input, and whether the same file had been received for the feed before. */
    public record Intake(RawInput input, boolean duplicate) {
    }
}
