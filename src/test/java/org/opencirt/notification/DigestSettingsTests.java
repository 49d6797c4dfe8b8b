package org.opencirt.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Digest periods and a change of frequency: the periods before and after a change meet exactly at midnight. */
class DigestSettingsTests {

    private static final Instant MIDNIGHT = Instant.parse("2026-11-26T00:00:00Z");

    @Test
    void periodsAreAlignedInUtc() {
        Instant time = Instant.parse("2026-11-25T14:37:12.5Z");

        assertThat(DigestFrequency.HOURLY.floor(time)).isEqualTo(Instant.parse("2026-11-25T14:00:00Z"));
        assertThat(DigestFrequency.DAILY.floor(time)).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(DigestFrequency.HOURLY.length()).isEqualTo(Duration.ofHours(1));
        assertThat(DigestFrequency.DAILY.length()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void periodsBeforeTheChangeKeepThePreviousFrequency() {
        DigestSettings hourlyFromMidnight = new DigestSettings(7, DigestFrequency.HOURLY, DigestFormat.CSV,
                DigestFrequency.DAILY, MIDNIGHT, true, Instant.parse("2026-11-25T14:00:00Z"));

        assertThat(hourlyFromMidnight.frequencyAt(Instant.parse("2026-11-25T00:00:00Z")))
                .as("the day of the change is still told in one daily digest").isEqualTo(DigestFrequency.DAILY);
        assertThat(hourlyFromMidnight.frequencyAt(Instant.parse("2026-11-25T23:00:00Z")))
                .as("its last hour is not told again hourly").isEqualTo(DigestFrequency.DAILY);
        assertThat(hourlyFromMidnight.frequencyAt(MIDNIGHT)).isEqualTo(DigestFrequency.HOURLY);
    }
}
