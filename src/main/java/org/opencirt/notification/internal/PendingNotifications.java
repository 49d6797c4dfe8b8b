package org.opencirt.notification.internal;

import java.time.Instant;
import org.opencirt.notification.NotificationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** On start, resends digests a previous run recorded but never confirmed sent (it stopped while sending). */
@Component
public class PendingNotifications {

    private static final Logger LOG = LoggerFactory.getLogger(PendingNotifications.class);

    private final NotificationService notifications;
    private final Instant startedAt = Instant.now();

    public PendingNotifications(NotificationService notifications) {
        this.notifications = notifications;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void resend() {
        int count = notifications.resendPending(startedAt);
        if (count > 0) {
            LOG.info("resent {} pending notification(s)", count);
        }
    }
}
