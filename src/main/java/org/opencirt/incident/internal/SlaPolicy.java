package org.opencirt.incident.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.opencirt.incident.Severity;
import org.opencirt.incident.Sla;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Response and resolution targets per severity, from configuration ({@code opencirt.incident.sla.*}), turned into
 * due dates when an incident is opened or its severity changes. Targets count business time (working days and
 * hours in the team's time zone, holidays from the sla_holiday table), except for the severities configured as
 * around the clock, whose targets run 24/7. Holidays are cached and re-read after a change or a few minutes.
 */
@Component
public class SlaPolicy {

    private static final Duration HOLIDAYS_MAX_AGE = Duration.ofMinutes(5);

    private final Map<Severity, Duration> response = new EnumMap<>(Severity.class);
    private final Map<Severity, Duration> resolution = new EnumMap<>(Severity.class);
    private final Set<Severity> aroundTheClock;
    private final BusinessCalendar workingTime;
    private final SlaHolidayRepository holidays;
    private final Clock clock = Clock.systemUTC();
    private volatile Cached cached;

    private record Cached(BusinessCalendar calendar, List<Sla.Holiday> holidays, Instant readAt) {
    }

    public SlaPolicy(SlaHolidayRepository holidays,
            @Value("${opencirt.incident.sla.response.critical:1h}") Duration responseCritical,
            @Value("${opencirt.incident.sla.response.high:4h}") Duration responseHigh,
            @Value("${opencirt.incident.sla.response.medium:1d}") Duration responseMedium,
            @Value("${opencirt.incident.sla.response.low:3d}") Duration responseLow,
            @Value("${opencirt.incident.sla.resolution.critical:1d}") Duration resolutionCritical,
            @Value("${opencirt.incident.sla.resolution.high:3d}") Duration resolutionHigh,
            @Value("${opencirt.incident.sla.resolution.medium:10d}") Duration resolutionMedium,
            @Value("${opencirt.incident.sla.resolution.low:30d}") Duration resolutionLow,
            @Value("${opencirt.incident.sla.around-the-clock:CRITICAL}") List<Severity> aroundTheClock,
            @Value("${opencirt.incident.sla.time-zone:UTC}") ZoneId zone,
            @Value("${opencirt.incident.sla.working-days:MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY}")
            List<DayOfWeek> workingDays,
            @Value("${opencirt.incident.sla.working-hours:09:00-17:00}") String workingHours) {
        this.holidays = holidays;
        response.put(Severity.CRITICAL, responseCritical);
        response.put(Severity.HIGH, responseHigh);
        response.put(Severity.MEDIUM, responseMedium);
        response.put(Severity.LOW, responseLow);
        resolution.put(Severity.CRITICAL, resolutionCritical);
        resolution.put(Severity.HIGH, resolutionHigh);
        resolution.put(Severity.MEDIUM, resolutionMedium);
        resolution.put(Severity.LOW, resolutionLow);
        this.aroundTheClock = aroundTheClock.isEmpty() ? EnumSet.noneOf(Severity.class)
                : EnumSet.copyOf(aroundTheClock);
        this.workingTime = new BusinessCalendar(zone, EnumSet.copyOf(workingDays), workingHours, Set.of());
    }

    public Instant responseDue(Severity severity, Instant openedAt) {
        return due(severity, openedAt, response.get(severity));
    }

    public Instant resolutionDue(Severity severity, Instant openedAt) {
        return due(severity, openedAt, resolution.get(severity));
    }

    /** The time zone business time is counted in, also the one due dates are shown in. */
    public ZoneId zone() {
        return workingTime.zone();
    }

    /** The policy as it applies now, holidays included. */
    public Sla describe() {
        Cached current = current();
        return new Sla(asText(response), asText(resolution), EnumSet.copyOf(aroundTheClock),
                workingTime.zone().getId(), List.copyOf(new TreeSet<>(workingTime.workingDays())),
                workingTime.hours(), current.holidays());
    }

    /** Forgets the cached holidays, so the next due date reads them again. */
    public void reload() {
        cached = null;
    }

    private Instant due(Severity severity, Instant start, Duration target) {
        return aroundTheClock.contains(severity) ? start.plus(target) : current().calendar().plus(start, target);
    }

    private Cached current() {
        Cached current = cached;
        Instant now = clock.instant();
        if (current == null || current.readAt().plus(HOLIDAYS_MAX_AGE).isBefore(now)) {
            List<Sla.Holiday> days = holidays.findAll();
            current = new Cached(workingTime.withHolidays(days.stream().map(Sla.Holiday::date)
                    .collect(Collectors.toSet())), days, now);
            cached = current;
        }
        return current;
    }

    private static Map<Severity, String> asText(Map<Severity, Duration> targets) {
        Map<Severity, String> text = new EnumMap<>(Severity.class);
        targets.forEach((severity, duration) -> text.put(severity, duration.toString()));
        return text;
    }
}
