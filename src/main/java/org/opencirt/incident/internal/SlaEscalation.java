package org.opencirt.incident.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.Texts;
import org.opencirt.identity.Role;
import org.opencirt.identity.UserService;
import org.opencirt.incident.Incident;
import org.opencirt.incident.IncidentEscalated;
import org.opencirt.incident.IncidentNote;
import org.opencirt.incident.IncidentService;
import org.opencirt.mail.OutgoingMail;
import org.opencirt.mail.SecureMailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates open incidents that missed their SLA (no first response, or no resolution, by the due date): each
 * one once, marked in the same transaction as its timeline entry, audit record and {@link IncidentEscalated}
 * event, then a signed mail tells the duty officer ({@code opencirt.incident.duty-officer-email}, else every
 * enabled coordinator with an address). A mail that fails is audited with its reason and not retried: the
 * incident stays in the overdue view, which is the second way duty officers see it.
 */
@Component
public class SlaEscalation {

    private static final Logger LOG = LoggerFactory.getLogger(SlaEscalation.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    private final IncidentRepository incidents;
    private final IncidentService incidentService;
    private final UserService users;
    private final SecureMailer mailer;
    private final CorrespondenceContent content;
    private final SlaPolicy sla;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final List<String> dutyOfficers;
    private final String language;
    private final Clock clock = Clock.systemUTC();

    public SlaEscalation(IncidentRepository incidents, IncidentService incidentService, UserService users,
            SecureMailer mailer, CorrespondenceContent content, SlaPolicy sla, AuditLog audit,
            ApplicationEventPublisher events, TransactionTemplate transactions,
            @Value("${opencirt.incident.duty-officer-email:}") List<String> dutyOfficers,
            @Value("${opencirt.incident.escalation.language:en}") String language) {
        this.incidents = incidents;
        this.incidentService = incidentService;
        this.users = users;
        this.mailer = mailer;
        this.content = content;
        this.sla = sla;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.dutyOfficers = dutyOfficers.stream().map(Texts::blankToNull).filter(Objects::nonNull).toList();
        this.language = CorrespondenceContent.hasTemplates(language) ? language
                : CorrespondenceContent.DEFAULT_LANGUAGE;
    }

    /** Escalates every overdue open incident not escalated yet; returns how many were escalated now. */
    public synchronized int escalateOverdue() {
        int escalated = 0;
        for (long id : incidents.findOverdueNotEscalated(clock.instant())) {
            try {
                IncidentEscalated escalation = transactions.execute(status -> escalate(id));
                if (escalation != null) {
                    escalated++;
                    notifyDutyOfficers(escalation);
                }
            } catch (RuntimeException e) {
                LOG.error("incident {} could not be escalated, tried again on the next run", id, e);
            }
        }
        return escalated;
    }

    private IncidentEscalated escalate(long id) {
        Instant now = clock.instant();
        if (!incidents.markEscalated(id, now)) {
            return null;
        }
        Incident incident = incidents.findById(id).orElseThrow();
        boolean response = incident.firstResponseAt() == null && incident.responseDue() != null
                && incident.responseDue().isBefore(now);
        boolean resolution = incident.resolutionDue() != null && incident.resolutionDue().isBefore(now);
        List<String> recipients = recipients();
        List<String> reasons = new ArrayList<>();
        if (response) {
            reasons.add(content.message("correspondence.escalation.reason.response", language,
                    time(incident.responseDue())));
        }
        if (resolution) {
            reasons.add(content.message("correspondence.escalation.reason.resolution", language,
                    time(incident.resolutionDue())));
        }
        String why = String.join("; ", reasons);
        incidentService.addTimelineEntry(id, new IncidentNote.Input(content.message(
                "correspondence.escalation.timeline", language, recipients.isEmpty() ? "-"
                        : String.join(", ", recipients), why), now, true));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("escalatedAt", now);
        after.put("responseDue", incident.responseDue());
        after.put("resolutionDue", incident.resolutionDue());
        after.put("notified", recipients);
        audit.record("ESCALATE", "incident", id, "incident #" + id + " escalated: " + why, null, after);
        IncidentEscalated escalated = new IncidentEscalated(id, incident.severity(), incident.responseDue(),
                incident.resolutionDue(), response, resolution, recipients, now);
        events.publishEvent(escalated);
        return escalated;
    }

    private void notifyDutyOfficers(IncidentEscalated escalation) {
        long id = escalation.incidentId();
        if (escalation.notified().isEmpty()) {
            audit.record("FAIL", "incident", id, "escalation of incident #" + id + " not mailed: no duty officer"
                    + " address (opencirt.incident.duty-officer-email, or coordinators with an e-mail)", null, null);
            return;
        }
        Incident incident = incidents.findById(id).orElseThrow();
        String severity = incident.severity().name().toLowerCase(Locale.ROOT);
        List<String> lines = new ArrayList<>();
        if (escalation.responseOverdue()) {
            lines.add(content.message("correspondence.escalation.response", language, time(escalation.responseDue())));
        }
        if (escalation.resolutionOverdue()) {
            lines.add(content.message("correspondence.escalation.resolution", language,
                    time(escalation.resolutionDue())));
        }
        String subject = content.message("correspondence.escalation.subject", language, incident.tag(), severity);
        String body = content.message("correspondence.escalation.body", language, incident.tag(), severity,
                incident.state().name(), String.join("\n", lines), incident.title());
        try {
            mailer.send(new OutgoingMail(escalation.notified(), subject, body, List.of(), List.of(),
                    mailer.messageId("escalation." + id)));
            audit.record("SEND", "incident", id, "escalation of incident #" + id + " mailed to "
                    + String.join(", ", escalation.notified()), null, null);
        } catch (RuntimeException e) {
            String reason = NestedExceptionUtils.getMostSpecificCause(e).getMessage();
            LOG.warn("escalation mail of incident {} not sent: {}", id, reason);
            audit.record("FAIL", "incident", id, "escalation of incident #" + id + " not mailed: " + reason, null,
                    null);
        }
    }

    /** The duty officer addresses: configured, else the enabled coordinators' own. */
    private List<String> recipients() {
        if (!dutyOfficers.isEmpty()) {
            return dutyOfficers;
        }
        return users.list().stream().filter(u -> u.enabled() && u.role() == Role.COORDINATOR)
                .map(u -> Texts.blankToNull(u.email())).filter(Objects::nonNull).distinct().toList();
    }

    private String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant.atZone(sla.zone()));
    }
}
