package org.opencirt.pipeline;

import java.time.Instant;

/**
 * An event as stored: where it came from (input and line), the columns it is searched by, and the whole event as
 * one IntelMQ JSON line ({@code data}), which is what exports and other tools read.
 *
 * @param id {@code inputId * 2^32 + lineNo}: the same for the same input line however often it is resumed or replayed
 */
public record StoredEvent(long id, long inputId, long lineNo, long feedId, Instant timeSource,
        String classificationType, String sourceIp, Long organisationId, String tlp, String data) {
}
