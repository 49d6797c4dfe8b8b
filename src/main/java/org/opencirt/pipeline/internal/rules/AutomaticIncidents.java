package org.opencirt.pipeline.internal.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongPredicate;
import org.opencirt.audit.AuditChannel;
import org.opencirt.common.Rsit;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.Sector;
import org.opencirt.constituency.SectorService;
import org.opencirt.incident.Incident;
import org.opencirt.incident.Observable;
import org.opencirt.incident.ObservableType;
import org.opencirt.incident.Report;
import org.opencirt.incident.ReportChannel;
import org.opencirt.incident.ReportService;
import org.opencirt.incident.Severity;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.IntelMqJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens incidents for events an {@code incident} rule matches, through the incident feature's public report
 * service: one incident per rule, organisation, classification type and UTC day of the event, made idempotent by
 * the report's source reference, so a replayed or resumed input never opens a second one.
 */
@Component
public class AutomaticIncidents {

    private static final Logger LOG = LoggerFactory.getLogger(AutomaticIncidents.class);

    private final ReportService reports;
    private final OrganisationService organisations;
    private final SectorService sectors;

    public AutomaticIncidents(ReportService reports, OrganisationService organisations, SectorService sectors) {
        this.reports = reports;
        this.organisations = organisations;
        this.sectors = sectors;
    }

    /** Which organisations are in a critical infrastructure sector, as the constituency says at the start of a run. */
    public LongPredicate criticalOwners() {
        Set<Long> criticalSectors = new HashSet<>();
        sectors.all().stream().filter(Sector::criticalInfrastructure).forEach(s -> criticalSectors.add(s.id()));
        Set<Long> critical = new HashSet<>();
        organisations.all().stream().filter(o -> o.sectorId() != null && criticalSectors.contains(o.sectorId()))
                .forEach(o -> critical.add(o.id()));
        return critical::contains;
    }

    /** What a run opens: remembers the keys it already handled, so each costs one call per run. */
    public Opener opener(String feedName) {
        return new Opener(feedName);
    }

    /** Opens incidents for one input run. */
    public final class Opener {

        private final String feedName;
        private final Set<String> handled = new HashSet<>();

        private Opener(String feedName) {
            this.feedName = feedName;
        }

        /** Opens (or finds) the incident this event belongs to under the rule; events without owner open none. */
        public void open(CompiledRules.IncidentRule rule, Event event) {
            long owner = event.sourceOrganisationId();
            if (owner == Event.NO_OWNER) {
                return;
            }
            String type = event.get(EventField.CLASSIFICATION_TYPE);
            String time = event.has(EventField.TIME_SOURCE) ? event.get(EventField.TIME_SOURCE)
                    : event.get(EventField.TIME_OBSERVATION);
            String day = (time == null ? Instant.now().atOffset(ZoneOffset.UTC) : OffsetDateTime.parse(time))
                    .atZoneSameInstant(ZoneOffset.UTC).toLocalDate().toString();
            String reference = "rule-" + rule.ruleId() + "/organisation-" + owner + "/" + type + "/" + day;
            if (!handled.add(reference)) {
                return;
            }
            try {
                AuditChannel.callAs(AuditChannel.SYSTEM, () -> reports.submitAndAccept(submission(rule, event,
                        reference, owner, type, day), incident(rule, event, owner, type, day)));
            } catch (RuntimeException e) {
                // the event is stored either way; the rule fires again when the input is replayed
                LOG.warn("Rule '{}' could not open an incident for organisation {}: {}", rule.name(), owner,
                        e.getMessage());
                handled.remove(reference);
            }
        }

        private Report.Submission submission(CompiledRules.IncidentRule rule, Event event, String reference,
                long owner, String type, String day) {
            String json = IntelMqJson.toJsonLine(event);
            return new Report.Submission(ReportChannel.API, "pipeline", reference, "OpenCIRT pipeline", null,
                    title(rule, owner, type, day), "Opened by the processing rule '" + rule.name() + "' for events of "
                            + "the feed " + feedName + ". The first matching event:\n\n" + json
                            + "\n\nThe other events of that day are in the events list (organisation, feed, type).",
                    null, null, json.getBytes(StandardCharsets.UTF_8), null, observables(event), List.of());
        }

        private Incident.Input incident(CompiledRules.IncidentRule rule, Event event, long owner, String type,
                String day) {
            return new Incident.Input(title(rule, owner, type, day), null,
                    type != null && Rsit.type(type).isPresent() ? type : null, severity(rule.severity()), null,
                    event.has(EventField.TLP) ? event.get(EventField.TLP) : null, null, null, null, List.of("automatic", "rule:" + rule.name()), null,
                    List.of(owner), null);
        }

        private String title(CompiledRules.IncidentRule rule, long owner, String type, String day) {
            String name = organisations.nameIfVisible(owner).orElse("organisation " + owner);
            return (type == null ? "Events" : type) + " at " + name + " (" + feedName + ", " + day + ")";
        }
    }

    private static Severity severity(String rule) {
        return switch (rule == null ? "high" : rule.toLowerCase(Locale.ROOT)) {
            case "critical" -> Severity.CRITICAL;
            case "medium" -> Severity.MEDIUM;
            case "low", "info" -> Severity.LOW;
            default -> Severity.HIGH;
        };
    }

    private static List<Observable.Input> observables(Event event) {
        List<Observable.Input> observables = new ArrayList<>();
        if (event.has(EventField.SOURCE_IP)) {
            String ip = event.get(EventField.SOURCE_IP);
            observables.add(new Observable.Input(ip.contains(":") ? ObservableType.IPV6 : ObservableType.IPV4, ip,
                    false, "source.ip of the first event", null, null));
        }
        if (event.has(EventField.SOURCE_FQDN)) {
            observables.add(new Observable.Input(ObservableType.DOMAIN, event.get(EventField.SOURCE_FQDN), false,
                    "source.fqdn of the first event", null, null));
        }
        if (event.has(EventField.SOURCE_URL)) {
            observables.add(new Observable.Input(ObservableType.URL, event.get(EventField.SOURCE_URL), false,
                    "source.url of the first event", null, null));
        }
        return observables;
    }
}
