package org.opencirt.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Business-time arithmetic of SLA targets: working hours, weekends, holidays and DST changes. */
class BusinessCalendarTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Set<DayOfWeek> MONDAY_TO_FRIDAY = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    /** Christmas 2026 is a Friday; 2026-11-23 is a Monday. */
    private static final BusinessCalendar OFFICE = new BusinessCalendar(PARIS, MONDAY_TO_FRIDAY, "09:00-17:00",
            Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-11-30")));

    @ParameterizedTest(name = "{0}: {1} + {2} = {3}")
    @CsvSource({
            "within the same day,          2026-11-23T10:00, PT4H,  2026-11-23T14:00",
            "ends exactly at closing,      2026-11-23T13:00, PT4H,  2026-11-23T17:00",
            "spills into the next day,     2026-11-23T15:00, PT4H,  2026-11-24T11:00",
            "before opening,               2026-11-23T06:30, PT1H,  2026-11-23T10:00",
            "after closing,                2026-11-23T20:00, PT1H,  2026-11-24T10:00",
            "over a weekend,               2026-11-20T15:00, PT4H,  2026-11-23T11:00",
            "over a weekend and a holiday, 2026-11-27T15:00, PT4H,  2026-12-01T11:00",
            "started on a Saturday,        2026-11-21T12:00, PT1H,  2026-11-23T10:00",
            "on a holiday,                 2026-12-25T10:00, PT2H,  2026-12-28T11:00",
            "whole working days,           2026-11-18T10:00, P3D,   2026-11-23T10:00",
            "a day from outside hours,     2026-11-21T12:00, P1D,   2026-11-24T09:00",
            "days over a holiday,          2026-11-26T10:00, P2D,   2026-12-01T10:00",
            "days and hours,               2026-11-23T16:00, P1DT2H, 2026-11-25T10:00",
            "weekend with spring DST,      2026-03-27T16:00, PT2H,  2026-03-30T10:00",
            "weekend with autumn DST,      2026-10-23T16:00, PT2H,  2026-10-26T10:00",
            "nothing to count,             2026-11-21T12:00, PT0S,  2026-11-21T12:00"})
    void addsBusinessTimeInParis(String what, LocalDateTime start, Duration target, LocalDateTime due) {
        assertThat(OFFICE.plus(paris(start), target)).isEqualTo(paris(due));
    }

    @Test
    void springDstChangeDuringWorkingHoursCountsRealElapsedTime() {
        BusinessCalendar always = new BusinessCalendar(PARIS, EnumSet.allOf(DayOfWeek.class), "00:00-24:00",
                Set.of());
        // 2026-03-29 02:00 local does not exist: 20 hours after noon CET are 09:00 CEST, not 08:00
        assertThat(always.plus(paris(LocalDateTime.parse("2026-03-28T12:00")), Duration.ofHours(20)))
                .isEqualTo(Instant.parse("2026-03-29T07:00:00Z"))
                .isEqualTo(paris(LocalDateTime.parse("2026-03-29T09:00")));
    }

    @Test
    void autumnDstChangeDuringWorkingHoursCountsRealElapsedTime() {
        BusinessCalendar always = new BusinessCalendar(PARIS, EnumSet.allOf(DayOfWeek.class), "00:00-24:00",
                Set.of());
        // 2026-10-25 02:00-03:00 local happens twice: 20 hours after noon CEST are 07:00 CET
        assertThat(always.plus(paris(LocalDateTime.parse("2026-10-24T12:00")), Duration.ofHours(20)))
                .isEqualTo(Instant.parse("2026-10-25T06:00:00Z"));
    }

    @Test
    void weekOfSundayToThursday() {
        BusinessCalendar riyadh = new BusinessCalendar(ZoneId.of("Asia/Riyadh"),
                EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY), "08:00-16:00", Set.of());
        // Thursday 2026-11-26 15:00 + 2h: one hour on Thursday, one on Sunday
        assertThat(riyadh.plus(LocalDateTime.parse("2026-11-26T15:00").atZone(riyadh.zone()).toInstant(),
                Duration.ofHours(2))).isEqualTo(LocalDateTime.parse("2026-11-29T09:00").atZone(riyadh.zone())
                .toInstant());
    }

    @Test
    void badCalendarsAreRefused() {
        assertThatThrownBy(() -> new BusinessCalendar(PARIS, Set.of(), "09:00-17:00", Set.of()))
                .hasMessageContaining("working day");
        assertThatThrownBy(() -> new BusinessCalendar(PARIS, MONDAY_TO_FRIDAY, "17:00-09:00", Set.of()))
                .hasMessageContaining("end after");
        assertThatThrownBy(() -> new BusinessCalendar(PARIS, MONDAY_TO_FRIDAY, "nine to five", Set.of()))
                .hasMessageContaining("09:00-17:00");
    }

    @Test
    void negativeTargetIsRefused() {
        assertThatThrownBy(() -> OFFICE.plus(Instant.EPOCH, Duration.ofHours(-1))).hasMessageContaining("negative");
    }

    private static Instant paris(LocalDateTime local) {
        return local.atZone(PARIS).toInstant();
    }
}
