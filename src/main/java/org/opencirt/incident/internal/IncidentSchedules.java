package org.opencirt.incident.internal;

import java.time.Duration;
import java.time.Instant;
import org.opencirt.incident.CorrespondenceService;
import org.opencirt.incident.internal.mail.MailboxPoller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The incident feature's background work: reading the intake mailbox ({@code opencirt.incident.mail.interval},
 * only when a mailbox is configured), escalating overdue incidents ({@code opencirt.incident.escalation.interval};
 * 0 turns it off), and, once at start, resending correspondence a previous run recorded but never confirmed sent.
 */
@Configuration
public class IncidentSchedules implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentSchedules.class);

    private final MailboxPoller mailbox;
    private final SlaEscalation escalation;
    private final CorrespondenceService correspondence;
    private final Duration mailInterval;
    private final Duration escalationInterval;
    private final Instant startedAt = Instant.now();

    public IncidentSchedules(MailboxPoller mailbox, SlaEscalation escalation, CorrespondenceService correspondence,
            @Value("${opencirt.incident.mail.interval:1m}") Duration mailInterval,
            @Value("${opencirt.incident.escalation.interval:5m}") Duration escalationInterval) {
        this.mailbox = mailbox;
        this.escalation = escalation;
        this.correspondence = correspondence;
        this.mailInterval = mailInterval;
        this.escalationInterval = escalationInterval;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (mailbox.enabled() && !mailInterval.isZero() && !mailInterval.isNegative()) {
            registrar.addFixedDelayTask(new FixedDelayTask(mailbox::poll, mailInterval, mailInterval));
            LOG.info("reading intake mailbox {} every {}", mailbox.source(), mailInterval);
        }
        if (!escalationInterval.isZero() && !escalationInterval.isNegative()) {
            registrar.addFixedDelayTask(new FixedDelayTask(escalation::escalateOverdue, escalationInterval,
                    escalationInterval));
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void resendPendingCorrespondence() {
        int count = correspondence.resendPending(startedAt);
        if (count > 0) {
            LOG.info("resent {} pending correspondence mail(s)", count);
        }
    }
}
