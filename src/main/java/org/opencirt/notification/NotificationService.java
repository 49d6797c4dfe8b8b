package org.opencirt.notification;

import org.opencirt.mail.PreparedMail;
import org.opencirt.mail.OutgoingMail;
import org.opencirt.mail.SecureMailer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.constituency.Contact;
import org.opencirt.constituency.ContactKind;
import org.opencirt.constituency.ContactService;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.identity.CurrentUser;
import org.opencirt.notification.internal.DigestContent;
import org.opencirt.notification.internal.NotificationRepository;
import org.opencirt.notification.internal.NotificationRepository.NewNotification;
import org.opencirt.notification.internal.XarfReports;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.IntelMqJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells an organisation about its own events: one signed (and, when every contact has a key, encrypted) e-mail
 * digest per organisation and interval with a CSV of its events, in its contact's language. Every digest is
 * recorded before it is sent, under a key of (organisation, interval, feed set), so the same digest never goes out
 * twice and a crash leaves a pending record that is resent, byte for byte, on the next start.
 */
@Service
public class NotificationService {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
    private static final int MAX_ERROR = 1000;
    /** The X-ARF attachment: one report per line. */
    public static final String XARF_FILE = "xarf.jsonl";

    private final NotificationRepository notifications;
    private final DigestContent content;
    private final SecureMailer mailer;
    private final OrganisationService organisations;
    private final ContactService contacts;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final DigestSettingsService settings;
    private final XarfReports xarf;
    private final Clock clock = Clock.systemUTC();

    public NotificationService(NotificationRepository notifications, DigestContent content, SecureMailer mailer,
            OrganisationService organisations, ContactService contacts, AuditLog audit,
            TransactionTemplate transactions, DigestSettingsService settings, XarfReports xarf) {
        this.notifications = notifications;
        this.content = content;
        this.mailer = mailer;
        this.organisations = organisations;
        this.contacts = contacts;
        this.audit = audit;
        this.transactions = transactions;
        this.settings = settings;
        this.xarf = xarf;
    }

    /**
     * Sends the digest of the organisation's own events among {@code events} (others are ignored). Empty when it
     * has none. Never throws for a mail failure: the notification is then recorded as FAILED with the reason.
     */
    public Optional<Notification> sendDigest(long organisationId, DigestInterval interval, List<Event> events) {
        return sendDigestOfJsonLines(organisationId, interval, events.stream().map(IntelMqJson::toJsonLine).toList());
    }

    /**
     * As {@link #sendDigest}, for events given as IntelMQ JSON lines. The organisation's digest format decides
     * whether X-ARF reports go with the CSV.
     */
    public Optional<Notification> sendDigestOfJsonLines(long organisationId, DigestInterval interval,
            List<String> jsonLines) {
        String owner = Long.toString(organisationId);
        List<DigestContent.Row> rows = jsonLines.stream().filter(line -> !line.isBlank()).map(content::row)
                .filter(row -> owner.equals(row.owner())).toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> feeds = List.copyOf(new TreeSet<>(rows.stream().map(DigestContent.Row::feed).toList()));
        String digestKey = DigestContent.sha256((owner + "|" + interval.from() + "|" + interval.to() + "|"
                + String.join(",", feeds)).getBytes(StandardCharsets.UTF_8));
        Optional<Notification> existing = notifications.findByDigestKey(digestKey);
        if (existing.isPresent()) {
            return Optional.of(retryIfFailed(existing.get()));
        }
        Organisation organisation = organisations.get(organisationId);
        List<Contact> recipients = contacts.ofOrganisation(organisationId).stream()
                .sorted(Comparator.comparing((Contact c) -> c.kind() != ContactKind.ROLE).thenComparing(Contact::id))
                .toList();
        String language = content.language(recipients.isEmpty() ? List.of() : recipients.get(0).languages());
        byte[] csv = content.csv(rows);
        String subject = content.subject(language, organisation.name(), rows.size(), interval.from(), interval.to());
        List<String> addresses = recipients.stream().map(Contact::email).distinct().toList();
        boolean encrypt = !recipients.isEmpty() && recipients.stream().allMatch(c -> c.pgpPublicKey() != null);
        DigestFormat format = settings.settingsOf(organisationId).format();
        PreparedMail mail = null;
        String error = null;
        if (addresses.isEmpty()) {
            error = "organisation has no contacts";
        } else {
            String body = content.body(language, organisation.name(), rows.size(), interval.from(), interval.to(),
                    feeds, mailer.signingKeyFingerprint());
            List<OutgoingMail.Attachment> attachments = new ArrayList<>();
            attachments.add(new OutgoingMail.Attachment("events.csv", "text/csv; charset=UTF-8", csv));
            if (format == DigestFormat.XARF) {
                XarfReports.Reports reports = xarf.reports(rows);
                body = body + "\n\n" + content.xarfNote(language, reports.count(), rows.size());
                if (reports.count() > 0) {
                    attachments.add(new OutgoingMail.Attachment(XARF_FILE, "application/x-ndjson; charset=UTF-8",
                            reports.jsonLines()));
                }
            }
            mail = mailer.prepare(new OutgoingMail(addresses, subject, body, attachments,
                    encrypt ? recipients.stream().map(Contact::pgpPublicKey).toList() : List.of(),
                    mailer.messageId("notification." + digestKey.substring(0, 32))));
        }
        Notification record = new Notification(0, organisationId, addresses, subject, interval.from(), interval.to(),
                feeds, rows.size(), format.name(), language, mail != null, mail != null && mail.encrypted(),
                error == null ? Notification.State.PENDING : Notification.State.FAILED, error,
                DigestContent.sha256(csv), mail == null ? null : mail.messageId(), clock.instant(), null);
        long id;
        try {
            id = record(new NewNotification(digestKey, record, mail == null ? null : mail.raw(),
                    rows.stream().map(DigestContent.Row::key).toList()), organisation.name());
        } catch (DuplicateKeyException race) {
            return notifications.findByDigestKey(digestKey);
        }
        if (mail != null) {
            deliver(id, mail.raw());
        }
        return notifications.findById(id);
    }

    /** Resends notifications left PENDING by a previous run (created before {@code before}); returns how many. */
    public int resendPending(Instant before) {
        List<Long> pending = notifications.pendingCreatedBefore(before);
        for (long id : pending) {
            notifications.rawMessage(id).ifPresentOrElse(raw -> deliver(id, raw),
                    () -> finish(id, Notification.State.PENDING, Notification.State.FAILED, "no message stored"));
        }
        return pending.size();
    }

    /** Notifications of one organisation or all, overlapping [from, to); a CONSTITUENT sees only its own. */
    public PageResult<Notification> search(Long organisationId, Instant from, Instant to, PageRequest page) {
        Long only = restrictedTo();
        if (only != null && organisationId != null && !organisationId.equals(only)) {
            return new PageResult<>(List.of(), page.page(), page.size(), 0);
        }
        return notifications.search(only != null ? only : organisationId, from, to, page);
    }

    public Notification get(long id) {
        Notification notification = notifications.findById(id)
                .orElseThrow(() -> new NotFoundException("Notification", id));
        Long only = restrictedTo();
        if (only != null && only != notification.organisationId()) {
            throw new NotFoundException("Notification", id);
        }
        return notification;
    }

    /** The stable keys of the events a notification covered. */
    public List<String> eventKeys(long id) {
        return notifications.eventKeys(get(id).id());
    }

    private long record(NewNotification row, String organisationName) {
        return transactions.execute(status -> {
            long id = notifications.insert(row);
            audit.record("CREATE", "notification", id, "digest of " + row.notification().eventCount()
                    + " events to " + organisationName + " (" + row.notification().state() + ")", null,
                    notifications.findById(id).orElseThrow());
            return id;
        });
    }

    private Notification retryIfFailed(Notification existing) {
        if (existing.state() == Notification.State.FAILED && notifications.changeState(existing.id(),
                Notification.State.FAILED, Notification.State.PENDING, null, null)) {
            notifications.rawMessage(existing.id()).ifPresentOrElse(raw -> deliver(existing.id(), raw),
                    () -> finish(existing.id(), Notification.State.PENDING, Notification.State.FAILED,
                            existing.error()));
            return notifications.findById(existing.id()).orElseThrow();
        }
        return existing;
    }

    private void deliver(long id, byte[] raw) {
        try {
            mailer.send(raw);
            finish(id, Notification.State.PENDING, Notification.State.SENT, null);
        } catch (RuntimeException e) {
            String reason = reason(e);
            LOG.warn("notification {} not sent: {}", id, reason);
            finish(id, Notification.State.PENDING, Notification.State.FAILED, reason);
        }
    }

    private void finish(long id, Notification.State from, Notification.State to, String error) {
        transactions.executeWithoutResult(status -> {
            if (notifications.changeState(id, from, to, error, to == Notification.State.SENT ? clock.instant() : null)) {
                audit.record(to == Notification.State.SENT ? "SEND" : "FAIL", "notification", id,
                        "notification " + id + (error == null ? " sent" : " failed: " + error), null, null);
            }
        });
    }

    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder();
        for (Throwable cause = e; cause != null && reason.length() < MAX_ERROR; cause = cause.getCause()) {
            if (cause.getMessage() != null && !reason.toString().contains(cause.getMessage())) {
                reason.append(reason.isEmpty() ? "" : "; ").append(cause.getMessage());
            }
        }
        String text = reason.isEmpty() ? e.getClass().getSimpleName() : reason.toString();
        return text.substring(0, Math.min(MAX_ERROR, text.length()));
    }

    private static Long restrictedTo() {
        return CurrentUser.restrictedOrganisation();
    }
}
