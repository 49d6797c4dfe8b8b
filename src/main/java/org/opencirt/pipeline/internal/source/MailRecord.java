package org.opencirt.pipeline.internal.source;

import java.time.Instant;
import java.util.List;

/**
 * One mail taken from the intake mailbox and what became of it, so that an operator can see why a mail made no
 * input and find it in the folder it was moved to.
 *
 * @param outcome {@code processed} (every attachment is an input of a feed) or {@code rejected} (see reason)
 * @param movedTo the mailbox folder the mail is now in
 */
public record MailRecord(long id, String messageId, String sender, String subject, Instant sentAt,
        Instant processedAt, String outcome, String reason, String movedTo, List<Attachment> attachments) {

    /** One attachment given to one feed (or to none: feed null, error says why). */
    public record Attachment(String fileName, Long feedId, String feed, Long inputId, boolean duplicate,
            String error) {
    }

    /** The intake mailbox: whether one is configured, and how the last poll went. */
    public record Status(boolean enabled, String mailbox, Instant lastPollAt, String lastError, int lastProcessed,
            int lastRejected) {
    }
}
