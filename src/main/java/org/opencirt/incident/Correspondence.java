package org.opencirt.incident;

import java.time.Instant;
import java.util.List;

/**
 * A mail of an incident's correspondence with the affected organisations: sent by staff (OUT, recorded before it
 * goes out, signed and when possible encrypted) or received as a reply carrying the incident's tag (IN, kept raw).
 * An outgoing mail goes to one organisation, so no victim learns who else is affected.
 *
 * @param organisationId the organisation it was exchanged with, when known; its constituents may read it
 * @param attachmentIds  the incident attachments that came with an incoming mail
 */
public record Correspondence(long id, long incidentId, Direction direction, Long organisationId,
        String organisationName, String from, List<String> to, List<String> cc, String subject, String body,
        Template template, String language, String messageId, String inReplyTo, String rawSha256, Long rawSize,
        boolean signed, boolean encrypted, State state, String error, List<Long> attachmentIds, String createdBy,
        Instant createdAt, Instant sentAt) {

    public enum Direction { IN, OUT }

    /** PENDING: recorded, not yet confirmed sent (resent byte for byte after a restart). */
    public enum State { PENDING, SENT, FAILED, RECEIVED }

    /** What an outgoing mail says around the analyst's text; FREE adds only greeting and signature. */
    public enum Template { NOTICE, QUESTION, UPDATE, RESOLVED, FREE }

    /**
     * What staff send. Each organisation gets its own mail, to all its contacts, in its contacts' language.
     *
     * @param organisationIds affected organisations to write to; null means all of them
     * @param to              further addresses, together in one more mail
     * @param cc              copied on every mail (a sectoral CIRT, say)
     * @param language        {@code en} or {@code fr} for every mail; null picks each recipient's language
     * @param subject         replaces the template's subject; the incident tag is always put in front
     * @param inReplyToId     the correspondence (an incoming mail) this answers, for mail clients to thread
     */
    public record Request(List<Long> organisationIds, List<String> to, List<String> cc, Template template,
            String language, String subject, String text, Long inReplyToId) {
    }

    /**
     * A mail received for an incident, as the mail intake read it.
     *
     * @param parseError what could not be read (the raw message is kept whole)
     */
    public record Incoming(String from, List<String> to, List<String> cc, String subject, String body,
            String messageId, String inReplyTo, Instant sentAt, byte[] raw, boolean signed, boolean encrypted,
            List<Attachment.Upload> attachments, String parseError) {
    }

    /** A received mail and whether it had been recorded before (same Message-ID). */
    public record Receipt(Correspondence correspondence, boolean duplicate) {
    }
}
