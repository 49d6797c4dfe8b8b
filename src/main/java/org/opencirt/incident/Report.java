package org.opencirt.incident;

import java.time.Instant;
import java.util.List;

/**
 * Anything that arrived and waits for, or went through, triage. Its raw form (the form post, API body, mail or
 * IODEF document) is stored before it is read; {@code parseError} says why a raw input could not be read, and such
 * a report still waits in the queue.
 *
 * @param trackingCode what the reporter quotes to follow the report; unguessable, so it can be shown publicly
 */
public record Report(long id, ReportChannel channel, String source, String sourceRef, ReportState state,
        String reporterName, String reporterEmail, Long reporterUserId, Long organisationId, String subject,
        String body, Instant occurredAt, String affectedSystems, String rawSha256, Long rawSize, String parseError,
        String trackingCode, Long incidentId, String decisionReason, String decidedBy, Instant decidedAt,
        Instant receivedAt, List<Attachment> attachments) {

    /**
     * A report as an intake channel hands it over.
     *
     * @param source     who sent it, for idempotence: the API client, the mailbox, {@code form}...
     * @param sourceRef  the sender's own reference; the same source and reference never make a second report
     * @param raw        the input exactly as received, stored before anything else
     * @param parseError why the raw input could not be read (the report is kept anyway)
     * @param observables indicators the channel found (IODEF, API), added to the incident when accepted
     */
    public record Submission(ReportChannel channel, String source, String sourceRef, String reporterName,
            String reporterEmail, String subject, String body, Instant occurredAt, String affectedSystems, byte[] raw,
            String parseError, List<Observable.Input> observables, List<Attachment.Upload> attachments) {
    }

    /** The outcome of a submission: the report and whether it already existed. */
    public record Receipt(Report report, boolean duplicate) {
    }
}
