package org.opencirt.incident.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Business time: the working days and hours of the team in its time zone, without holidays. An SLA target counted
 * in business time stops outside these hours, so a ticket opened on Friday evening is not overdue on Monday
 * morning. Whole days of a target are working days (same clock time on the n-th next working day), the rest is
 * counted in working hours; time within a day is real elapsed time, so a DST change inside the working hours
 * counts as it happened. Immutable: a change of holidays builds a new calendar.
 */
public final class BusinessCalendar {

    /** Working days are searched at most this far ahead, so that a calendar of holidays only fails loudly. */
    private static final int MAX_DAYS_AHEAD = 3_700;

    private final ZoneId zone;
    private final Set<DayOfWeek> workingDays;
    private final LocalTime opens;
    private final LocalTime closes;
    private final boolean closesAtMidnight;
    private final Set<LocalDate> holidays;

    /**
     * @param hours the working hours of a working day as {@code HH:mm-HH:mm}; {@code 24:00} ends at midnight
     */
    public BusinessCalendar(ZoneId zone, Set<DayOfWeek> workingDays, String hours, Set<LocalDate> holidays) {
        if (workingDays == null || workingDays.isEmpty()) {
            throw new IllegalArgumentException("at least one working day is needed");
        }
        String[] parts = hours == null ? new String[0] : hours.strip().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("working hours must look like 09:00-17:00, not " + hours);
        }
        try {
            this.opens = LocalTime.parse(parts[0]);
            this.closesAtMidnight = "24:00".equals(parts[1]);
            this.closes = closesAtMidnight ? LocalTime.MIDNIGHT : LocalTime.parse(parts[1]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("working hours must look like 09:00-17:00, not " + hours, e);
        }
        if (!closesAtMidnight && !closes.isAfter(opens)) {
            throw new IllegalArgumentException("working hours must end after they start: " + hours);
        }
        this.zone = zone;
        this.workingDays = EnumSet.copyOf(workingDays);
        this.holidays = Set.copyOf(holidays == null ? Set.of() : holidays);
    }

    public ZoneId zone() {
        return zone;
    }

    public Set<DayOfWeek> workingDays() {
        return EnumSet.copyOf(workingDays);
    }

    /** The working hours as configured, such as {@code 09:00-17:00}. */
    public String hours() {
        return opens + "-" + (closesAtMidnight ? "24:00" : closes.toString());
    }

    public Set<LocalDate> holidays() {
        return new TreeSet<>(holidays);
    }

    public BusinessCalendar withHolidays(Set<LocalDate> newHolidays) {
        return new BusinessCalendar(zone, workingDays, hours(), newHolidays);
    }

    public boolean isWorkingDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** The moment {@code target} of business time after {@code start}. */
    public Instant plus(Instant start, Duration target) {
        if (target.isNegative()) {
            throw new IllegalArgumentException("a target cannot be negative: " + target);
        }
        if (target.isZero()) {
            return start;
        }
        Instant moment = nextBusinessMoment(start);
        long days = target.toDays();
        for (long i = 0; i < days; i++) {
            ZonedDateTime local = moment.atZone(zone);
            LocalDate next = nextWorkingDay(local.toLocalDate().plusDays(1));
            moment = ZonedDateTime.of(next, local.toLocalTime(), zone).toInstant();
        }
        Duration remaining = target.minusDays(days);
        while (true) {
            Instant closing = closing(moment.atZone(zone).toLocalDate());
            Duration available = Duration.between(moment, closing);
            if (remaining.compareTo(available) <= 0) {
                return moment.plus(remaining);
            }
            remaining = remaining.minus(available);
            moment = opening(nextWorkingDay(moment.atZone(zone).toLocalDate().plusDays(1)));
        }
    }

    /** {@code moment} itself when it lies in working hours, else the start of the next working hours. */
    Instant nextBusinessMoment(Instant moment) {
        LocalDate date = moment.atZone(zone).toLocalDate();
        if (isWorkingDay(date)) {
            Instant opening = opening(date);
            if (moment.isBefore(opening)) {
                return opening;
            }
            if (moment.isBefore(closing(date))) {
                return moment;
            }
        }
        return opening(nextWorkingDay(date.plusDays(1)));
    }

    private LocalDate nextWorkingDay(LocalDate from) {
        LocalDate date = from;
        for (int i = 0; i < MAX_DAYS_AHEAD; i++, date = date.plusDays(1)) {
            if (isWorkingDay(date)) {
                return date;
            }
        }
        throw new IllegalStateException("no working day within " + MAX_DAYS_AHEAD + " days of " + from);
    }

    private Instant opening(LocalDate date) {
        return ZonedDateTime.of(date, opens, zone).toInstant();
    }

    private Instant closing(LocalDate date) {
        return closesAtMidnight ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(date, closes, zone).toInstant();
    }
}
