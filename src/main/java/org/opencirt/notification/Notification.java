package org.opencirt.notification;

import java.time.Instant;
import java.util.List;

/**
 * The record of one digest mail to an organisation: what was sent to whom, when, covering which events (by count and
 * a SHA-256 of the CSV; the event keys are stored alongside), and whether it went out.
 */
public record Notification(long id, long organisationId, List<String> recipients, String subject,
        Instant intervalFrom, Instant intervalTo, List<String> feeds, int eventCount, String format, String language,
        boolean signed, boolean encrypted, State state, String error, String csvSha256, String messageId,
        Instant createdAt, Instant sentAt) {

    /** PENDING is recorded before sending; SENT once the mail server accepted the message; FAILED with a reason. */
    public enum State {
        PENDING, SENT, FAILED
    }
}
