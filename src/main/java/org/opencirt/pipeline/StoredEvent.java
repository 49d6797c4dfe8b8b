package org.opencirt.pipeline;

import java.time.Instant;

/**
 * An event as stored: where it came from (input and line), the columns it is searched by, the whole event as one
 * IntelMQ JSON line ({@code data}), which is what exports and other tools read, and the repeats a de-duplication
 * rule dropped and counted into it ({@code repeats}, the last at {@code lastSeenAt}; 0 and null when none).
 *
 * @param id {@code inputId * 2^32 + lineNo}: the same for the same input line however often it is resumed or replayed
 */
public record StoredEvent(long id, long inputId, long lineNo, long feedId, Instant timeSource,
        String classificationType, String sourceIp, Long organisationId, String tlp, String data, long repeats,
        Instant lastSeenAt) {

    /** An event no repeat was counted into. */
    public StoredEvent(long id, long inputId, long lineNo, long feedId, Instant timeSource, String classificationType,
            String sourceIp, Long organisationId, String tlp, String data) {
        this(id, inputId, lineNo, feedId, timeSource, classificationType, sourceIp, organisationId, tlp, data, 0,
                null);
    }
}
