package org.opencirt.pipeline;

import java.time.Instant;

/**
 * A configured source of machine events: which parser reads its inputs and the constants it stamps on every event
 * (classification, TLP, accuracy), so that an operator can add or fix a feed without a release. Besides uploads, a
 * feed may fetch its inputs itself ({@code pull}: an HTTP(S) URL on a schedule) and take attachments of the intake
 * mailbox ({@code mail}: which mails are its own).
 *
 * @param parser     {@code shadowserver} (with {@code reportType}), {@code csv} (mapping in {@code config}) or
 *                   {@code jsonlines}
 * @param reportType the Shadowserver report type, such as {@code scan_rdp}
 * @param config     properties text: a CSV column mapping, or overrides of a Shadowserver report's mapping
 * @param pull       the HTTP(S) pull, or null
 * @param mail       which intake mails carry this feed's inputs, or null
 * @param pullStatus how the last pull went, or null before the first one
 */
public record Feed(long id, String name, String parser, String reportType, String config, String classificationType,
        String tlp, Integer accuracy, boolean enabled, Instant createdAt, Instant updatedAt, Pull pull,
        MailMatch mail, PullStatus pullStatus) {

    /** A feed without pull or mail source (uploads only). */
    public Feed(long id, String name, String parser, String reportType, String config, String classificationType,
            String tlp, Integer accuracy, boolean enabled, Instant createdAt, Instant updatedAt) {
        this(id, name, parser, reportType, config, classificationType, tlp, accuracy, enabled, createdAt, updatedAt,
                null, null, null);
    }

    /**
     * What a client sends to create or change a feed. A null {@code pull} or {@code mail} leaves that source as it
     * is (none for a new feed); one with no URL, or no match part, removes it.
     */
    public record Input(String name, String parser, String reportType, String config, String classificationType,
            String tlp, Integer accuracy, Boolean enabled, Pull pull, MailMatch mail) {

        /** Without sources, as clients sent before pull and mail existed. */
        public Input(String name, String parser, String reportType, String config, String classificationType,
                String tlp, Integer accuracy, Boolean enabled) {
            this(name, parser, reportType, config, classificationType, tlp, accuracy, enabled, null, null);
        }
    }

    /**
     * Fetch {@code url} every {@code interval}; an unchanged download (same SHA-256, or 304 Not Modified) makes no
     * new input.
     *
     * @param url      an absolute http or https URL
     * @param interval ISO-8601 ({@code PT1H}) or short ({@code 1h}, {@code 30m}, {@code 1d}); answered as ISO-8601
     */
    public record Pull(String url, String interval) {
    }

    /**
     * Which mails of the intake mailbox carry this feed's inputs: every part given must match (at least one is).
     *
     * @param sender   the sender's address (From), compared ignoring case
     * @param subject  a regular expression found in the subject
     * @param fileName a regular expression found in the attachment's file name; each matching attachment is an input
     */
    public record MailMatch(String sender, String subject, String fileName) {
    }

    /**
     * The last pull: when, its {@code outcome} ({@code new-input}, {@code unchanged} or {@code failed}), why it
     * failed, the input it made or found, the last pull that did not fail, and when the next one is due.
     */
    public record PullStatus(Instant lastAttemptAt, String outcome, String error, Long inputId,
            Instant lastSuccessAt, Instant nextAt) {
    }
}
