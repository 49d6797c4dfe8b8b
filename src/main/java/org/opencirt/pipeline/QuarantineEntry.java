package org.opencirt.pipeline;

import java.time.Instant;

/**
 * A line that did not become an event, kept with its reason so that it can be replayed once the feed is fixed.
 *
 * @param resolution null while open, {@code replayed} when it became an event, {@code skipped} when it no longer holds
 *                   one
 */
public record QuarantineEntry(long id, long inputId, long lineNo, String rawLine, String reason, Instant createdAt,
        Instant resolvedAt, String resolution) {
}
