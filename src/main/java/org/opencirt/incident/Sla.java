package org.opencirt.incident;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service levels incidents are held to, as they apply now: response and resolution targets per severity
 * (ISO-8601 durations; whole days are working days), the severities counted around the clock, and the business
 * calendar the others are counted in.
 */
public record Sla(Map<Severity, String> responseTargets, Map<Severity, String> resolutionTargets,
        Set<Severity> aroundTheClock, String timeZone, List<DayOfWeek> workingDays, String workingHours,
        List<Holiday> holidays) {

    /** A day off that business time skips. */
    public record Holiday(LocalDate date, String name) {
    }
}
