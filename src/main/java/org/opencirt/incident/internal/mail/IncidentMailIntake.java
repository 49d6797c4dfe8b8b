package org.opencirt.incident.internal.mail;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencirt.common.Texts;
import org.opencirt.incident.Correspondence;
import org.opencirt.incident.CorrespondenceService;
import org.opencirt.incident.Incident;
import org.opencirt.incident.Report;
import org.opencirt.incident.ReportChannel;
import org.opencirt.incident.ReportService;
import org.opencirt.incident.internal.IncidentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Decides what a mail from the intake mailbox is: a reply to an incident (its subject carries
 * {@code [OpenCIRT #id]} of an existing incident, or it answers one of the incident's mails), which joins that
 * incident's correspondence; OpenCIRT's own mail read back, which is ignored; or else a new report. Either way the
 * raw message is stored first and its Message-ID makes reading it again harmless.
 */
@Component
public class IncidentMailIntake {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentMailIntake.class);
    private static final Pattern TAG = Pattern.compile("\\[OpenCIRT #(\\d{1,18})]", Pattern.CASE_INSENSITIVE);
    private static final int MAX_REF = 200;
    private static final int MAX_MERGE_HOPS = 10;

    private final ReportService reports;
    private final CorrespondenceService correspondence;
    private final IncidentRepository incidents;
    private final long maxAttachmentBytes;

    public IncidentMailIntake(ReportService reports, CorrespondenceService correspondence, IncidentRepository incidents,
            @Value("${opencirt.incident.max-attachment-size:20MB}") DataSize maxAttachment) {
        this.reports = reports;
        this.correspondence = correspondence;
        this.incidents = incidents;
        this.maxAttachmentBytes = maxAttachment.toBytes();
    }

    /** What became of a mail. */
    public enum Outcome { REPORT, REPLY, DUPLICATE, OWN }

    /**
     * Takes one mail in, exactly as the mailbox holds it.
     *
     * @param source the mailbox, such as {@code imap:cert@mail.example/INBOX}
     */
    public Outcome accept(byte[] raw, String source) {
        ParsedMail mail = ParsedMail.parse(raw, maxAttachmentBytes);
        String reference = reference(mail.messageId(), raw);
        try {
            return route(mail, raw, reference, source);
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            // never drop a mail: what cannot be handled is kept as a report that says why
            LOG.warn("mail from {} kept as an unreadable report: {}", source, e.toString());
            Report.Receipt receipt = reports.submit(new Report.Submission(ReportChannel.EMAIL, source,
                    reference, null, null, null, null, null, null, raw,
                    Texts.truncate("could not be processed: " + e, 2000), List.of(), List.of()));
            return receipt.duplicate() ? Outcome.DUPLICATE : Outcome.REPORT;
        }
    }

    private Outcome route(ParsedMail mail, byte[] raw, String reference, String source) {
        if (correspondence.sentByUs(mail.messageId())) {
            return Outcome.OWN;
        }
        Optional<Long> incidentId = incidentOf(mail);
        if (incidentId.isPresent()) {
            Correspondence.Receipt receipt = correspondence.receive(incidentId.get(), new Correspondence.Incoming(
                    mail.fromAddress(), mail.to(), mail.cc(), mail.subject(), withSkipped(mail), reference,
                    mail.inReplyTo(), mail.sentAt(), raw, mail.signed(), mail.encrypted(), mail.attachments(),
                    mail.parseError()));
            return receipt.duplicate() ? Outcome.DUPLICATE : Outcome.REPLY;
        }
        Report.Receipt receipt = reports.submit(new Report.Submission(ReportChannel.EMAIL, source, reference,
                Texts.truncate(mail.fromName(), 200), Texts.truncate(mail.fromAddress(), 320), mail.subject(),
                withSkipped(mail), mail.sentAt(), null, raw, mail.parseError(), List.of(), mail.attachments()));
        return receipt.duplicate() ? Outcome.DUPLICATE : Outcome.REPORT;
    }

    /** The incident a mail answers: by the subject tag, else by the mail it replies to. */
    private Optional<Long> incidentOf(ParsedMail mail) {
        if (mail.subject() != null) {
            Matcher tag = TAG.matcher(mail.subject());
            while (tag.find()) {
                Optional<Long> found = existing(Long.parseLong(tag.group(1)));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        List<String> answered = new ArrayList<>();
        if (mail.inReplyTo() != null) {
            answered.add(mail.inReplyTo());
        }
        for (int i = mail.references().size() - 1; i >= 0; i--) {
            answered.add(mail.references().get(i));
        }
        for (String messageId : answered) {
            Optional<Long> found = correspondence.incidentOfMessage(messageId).flatMap(this::existing);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The incident, or the one it was merged into. */
    private Optional<Long> existing(long id) {
        Optional<Incident> incident = incidents.findById(id);
        for (int hop = 0; hop < MAX_MERGE_HOPS && incident.isPresent() && incident.get().mergedIntoId() != null;
                hop++) {
            incident = incidents.findById(incident.get().mergedIntoId());
        }
        return incident.map(Incident::id);
    }

    /** The text, with a note of attachments left in the raw message for being too large. */
    private static String withSkipped(ParsedMail mail) {
        if (mail.skipped().isEmpty()) {
            return mail.text();
        }
        String note = "[Attachments over the size limit, kept only in the original message: "
                + String.join(", ", mail.skipped()) + "]";
        return mail.text() == null ? note : mail.text() + "\n\n" + note;
    }

    /** The Message-ID, or a hash of the message when it has none (or one too long to be a reference). */
    static String reference(String messageId, byte[] raw) {
        if (messageId != null && messageId.length() <= MAX_REF) {
            return messageId;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
