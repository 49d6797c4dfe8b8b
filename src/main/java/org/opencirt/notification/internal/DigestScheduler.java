package org.opencirt.notification.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencirt.common.NotFoundException;
import org.opencirt.notification.DigestFrequency;
import org.opencirt.notification.DigestInterval;
import org.opencirt.notification.DigestSettings;
import org.opencirt.notification.DigestSettingsService;
import org.opencirt.notification.Notification;
import org.opencirt.notification.NotificationService;
import org.opencirt.pipeline.EventService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the digests of every period that has ended: for each frequency (hourly, daily) and each of its periods not
 * yet done, every organisation on that frequency that owns events from inputs finished in the period gets one digest
 * of them. The period counts as done only after all its digests are recorded; a period redone after a crash finds
 * the digests already recorded under their key (organisation, period, feeds), so each goes out exactly once
 * (docs/decisions/0009). Digests begin with the period in which the installation first started with them: events
 * stored before are history, and are not sent.
 */
@Component
public class DigestScheduler {

    /** A period is digested this long after it ends, so that an input finishing at its very end is committed. */
    static final Duration SETTLE = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(DigestScheduler.class);

    private final EventService events;
    private final NotificationService notifications;
    private final DigestSettingsService settings;
    private final DigestSettingsRepository progress;

    public DigestScheduler(EventService events, NotificationService notifications, DigestSettingsService settings,
            DigestSettingsRepository progress) {
        this.events = events;
        this.notifications = notifications;
        this.settings = settings;
        this.progress = progress;
    }

    /** On the very first start, digests begin with the current period of each frequency. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void begin() {
        Instant now = Instant.now();
        for (DigestFrequency frequency : DigestFrequency.values()) {
            if (progress.doneUntil(frequency).isEmpty()) {
                progress.markDone(frequency, frequency.floor(now));
            }
        }
    }

    @Scheduled(fixedDelayString = "${opencirt.notification.digest.check-every:1m}",
            initialDelayString = "${opencirt.notification.digest.check-every:1m}")
    void scheduled() {
        try {
            runDue(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Digest run failed, retried at the next check: {}", e.getMessage());
        }
    }

    /**
     * Makes the digests of every period that ended at least {@link #SETTLE} before {@code now} and is not done yet;
     * returns the notifications of those periods (sent, failed, or found already recorded).
     */
    public synchronized List<Notification> runDue(Instant now) {
        List<Notification> digests = new ArrayList<>();
        for (DigestFrequency frequency : DigestFrequency.values()) {
            Instant end = frequency.floor(now.minus(SETTLE));
            Instant start = progress.doneUntil(frequency).orElse(end);
            for (Instant from = start; from.isBefore(end); from = from.plus(frequency.length())) {
                Instant to = from.plus(frequency.length());
                digests.addAll(runPeriod(frequency, new DigestInterval(from, to)));
                progress.markDone(frequency, to);
            }
        }
        return digests;
    }

    private List<Notification> runPeriod(DigestFrequency frequency, DigestInterval period) {
        Map<Long, DigestSettings> configured = settings.configured();
        List<Notification> digests = new ArrayList<>();
        for (long organisationId : events.ownersOfInputsFinished(period.from(), period.to())) {
            if (settings.frequencyAt(configured, organisationId, period.from()) != frequency) {
                continue;
            }
            List<String> own = events.ownEventsOfInputsFinished(organisationId, period.from(), period.to());
            try {
                notifications.sendDigestOfJsonLines(organisationId, period, own).ifPresent(digests::add);
            } catch (NotFoundException gone) {
                LOG.warn("Organisation {} no longer exists; its {} events of {} to {} are not told", organisationId,
                        own.size(), period.from(), period.to());
            }
        }
        if (!digests.isEmpty()) {
            LOG.info("{} digests of {} to {}: {}", frequency, period.from(), period.to(), digests.size());
        }
        return digests;
    }
}
