package org.opencirt.notification;

import java.time.Instant;

/** The period a digest covers, start inclusive and end exclusive; part of what identifies the digest. */
public record DigestInterval(Instant from, Instant to) {

    public DigestInterval {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("a digest interval needs a start before its end");
        }
    }
}
