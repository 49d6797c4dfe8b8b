package org.opencirt.incident.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.opencirt.incident.Severity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Response and resolution targets per severity, from configuration ({@code opencirt.incident.sla.*}), turned into
 * due dates when an incident is opened or its severity changes.
 */
@Component
public class SlaPolicy {

    private final Map<Severity, Duration> response = new EnumMap<>(Severity.class);
    private final Map<Severity, Duration> resolution = new EnumMap<>(Severity.class);

    public SlaPolicy(@Value("${opencirt.incident.sla.response.critical:1h}") Duration responseCritical,
            @Value("${opencirt.incident.sla.response.high:4h}") Duration responseHigh,
            @Value("${opencirt.incident.sla.response.medium:1d}") Duration responseMedium,
            @Value("${opencirt.incident.sla.response.low:3d}") Duration responseLow,
            @Value("${opencirt.incident.sla.resolution.critical:1d}") Duration resolutionCritical,
            @Value("${opencirt.incident.sla.resolution.high:3d}") Duration resolutionHigh,
            @Value("${opencirt.incident.sla.resolution.medium:10d}") Duration resolutionMedium,
            @Value("${opencirt.incident.sla.resolution.low:30d}") Duration resolutionLow) {
        response.put(Severity.CRITICAL, responseCritical);
        response.put(Severity.HIGH, responseHigh);
        response.put(Severity.MEDIUM, responseMedium);
        response.put(Severity.LOW, responseLow);
        resolution.put(Severity.CRITICAL, resolutionCritical);
        resolution.put(Severity.HIGH, resolutionHigh);
        resolution.put(Severity.MEDIUM, resolutionMedium);
        resolution.put(Severity.LOW, resolutionLow);
    }

    public Instant responseDue(Severity severity, Instant openedAt) {
        return openedAt.plus(response.get(severity));
    }

    public Instant resolutionDue(Severity severity, Instant openedAt) {
        return openedAt.plus(resolution.get(severity));
    }
}
