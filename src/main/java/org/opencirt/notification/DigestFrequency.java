package org.opencirt.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How often an organisation gets its digest. Periods are aligned in UTC (every hour, or every day from midnight), so
 * that each hourly boundary a day has is also a daily one at midnight and an organisation can change between them
 * there without a period told twice or skipped.
 */
public enum DigestFrequency {
    HOURLY(ChronoUnit.HOURS),
    DAILY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    DigestFrequency(ChronoUnit unit) {
        this.unit = unit;
    }

    public Duration length() {
        return unit.getDuration();
    }

    /** The start of the period that holds {@code instant}. */
    public Instant floor(Instant instant) {
        return instant.truncatedTo(unit);
    }
}
