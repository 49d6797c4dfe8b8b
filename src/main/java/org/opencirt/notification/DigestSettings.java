package org.opencirt.notification;

import java.time.Instant;

/**
 * How one organisation gets its digests. A change of frequency takes effect at the next midnight UTC
 * ({@code effectiveFrom}); periods that start before it still follow {@code previousFrequency}, so no period is
 * told twice or skipped. {@code configured} is false for an organisation that has the installation's defaults.
 */
public record DigestSettings(long organisationId, DigestFrequency frequency, DigestFormat format,
        DigestFrequency previousFrequency, Instant effectiveFrom, boolean configured, Instant updatedAt) {

    /** The frequency that applies to the period starting at {@code periodStart}. */
    public DigestFrequency frequencyAt(Instant periodStart) {
        return periodStart.isBefore(effectiveFrom) ? previousFrequency : frequency;
    }

    /** What a client sends to change an organisation's settings; a null keeps the current value. */
    public record Input(DigestFrequency frequency, DigestFormat format) {
    }
}
