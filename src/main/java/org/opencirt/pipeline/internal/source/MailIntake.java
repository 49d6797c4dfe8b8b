package org.opencirt.pipeline.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.opencirt.common.InvalidInputException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.SqlSupport;
import org.opencirt.pipeline.Feed;
import org.opencirt.pipeline.FeedService;
import org.opencirt.pipeline.InputService;
import org.opencirt.pipeline.RawInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The e-mail attachment source: polls the intake mailbox over IMAP and gives each attachment to every enabled feed
 * whose mail match fits (sender, subject, file name), as an input of that feed. Nothing is dropped: a mail whose
 * every attachment became an input is moved to the processed folder; any other (no attachment, no feed takes one,
 * storing failed) is moved to the rejected folder, and every mail is recorded with its outcome and reason. A mail
 * is moved only after its inputs are stored and its record written, so a crash in between only means the mail is
 * read again, and its attachments are then recognised by their SHA-256 (no second input).
 */
@Component
public class MailIntake implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);
    private static final TypeReference<List<MailRecord.Attachment>> ATTACHMENTS = new TypeReference<>() {
    };

    private final FeedService feeds;
    private final InputService inputs;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Settings settings;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pipeline-mail");
        thread.setDaemon(true);
        return thread;
    });
    private volatile MailRecord.Status status;

    /** The mailbox, from {@code opencirt.pipeline.mail.*}; an empty host disables the source. */
    record Settings(String host, int port, String username, String password, String folder, String protocol,
            String processedFolder, String rejectedFolder, Duration pollEvery) {

        boolean enabled() {
            return host != null && !host.isBlank();
        }
    }

    public MailIntake(FeedService feeds, InputService inputs, JdbcClient jdbc, JsonMapper json,
            @Value("${opencirt.pipeline.mail.host:}") String host,
            @Value("${opencirt.pipeline.mail.port:0}") int port,
            @Value("${opencirt.pipeline.mail.username:}") String username,
            @Value("${opencirt.pipeline.mail.password:}") String password,
            @Value("${opencirt.pipeline.mail.folder:INBOX}") String folder,
            @Value("${opencirt.pipeline.mail.protocol:imaps}") String protocol,
            @Value("${opencirt.pipeline.mail.processed-folder:OpenCIRT-processed}") String processedFolder,
            @Value("${opencirt.pipeline.mail.rejected-folder:OpenCIRT-rejected}") String rejectedFolder,
            @Value("${opencirt.pipeline.mail.poll-every:1m}") Duration pollEvery) {
        this.feeds = feeds;
        this.inputs = inputs;
        this.jdbc = jdbc;
        this.json = json;
        this.settings = new Settings(host, port, username, password, folder, protocol.toLowerCase(Locale.ROOT),
                processedFolder, rejectedFolder, pollEvery);
        this.status = new MailRecord.Status(settings.enabled(), settings.enabled() ? mailbox() : null, null, null, 0,
                0);
    }

    private String mailbox() {
        return settings.protocol() + "://" + (settings.username().isBlank() ? "" : settings.username() + "@")
                + settings.host() + (settings.port() > 0 ? ":" + settings.port() : "") + "/" + settings.folder();
    }

    /** Starts polling once the application is ready, when a mailbox is configured. */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        long every = settings.pollEvery().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                LOG.warn("Polling the intake mailbox failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** How the last poll went. */
    public MailRecord.Status status() {
        return status;
    }

    /**
     * Reads every mail in the mailbox folder now, stores its attachments as inputs and moves it; the status says how
     * it went (a mailbox that cannot be reached is a failed poll, not an exception).
     */
    public synchronized MailRecord.Status poll() {
        if (!settings.enabled()) {
            return status;
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int processed = 0;
        int rejected = 0;
        try {
            Session session = Session.getInstance(sessionProperties());
            try (Store store = session.getStore(settings.protocol())) {
                store.connect(settings.host(), settings.port() > 0 ? settings.port() : -1, settings.username(),
                        settings.password());
                Folder inbox = store.getFolder(settings.folder());
                Folder done = existing(store, settings.processedFolder());
                Folder refused = existing(store, settings.rejectedFolder());
                inbox.open(Folder.READ_WRITE);
                try {
                    List<Feed> candidates = feeds.list().stream().filter(f -> f.enabled() && f.mail() != null)
                            .toList();
                    for (Message message : inbox.getMessages()) {
                        if (message.isSet(Flags.Flag.DELETED)) {
                            continue;
                        }
                        boolean ok;
                        try {
                            ok = handle(message, candidates, at);
                        } catch (MessagingException | RuntimeException e) {
                            ok = false;
                            recordUnreadable(message, at, e);
                        }
                        inbox.copyMessages(new Message[] {message}, ok ? done : refused);
                        message.setFlag(Flags.Flag.DELETED, true);
                        if (ok) {
                            processed++;
                        } else {
                            rejected++;
                        }
                    }
                } finally {
                    inbox.close(true);
                }
            }
            status = new MailRecord.Status(true, mailbox(), at, null, processed, rejected);
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("Polling the intake mailbox {} failed: {}", mailbox(), e.toString());
            status = new MailRecord.Status(true, mailbox(), at, Payloads.reason(e), processed, rejected);
        }
        return status;
    }

    private Properties sessionProperties() {
        Properties properties = new Properties();
        String prefix = "mail." + settings.protocol() + ".";
        properties.setProperty(prefix + "connectiontimeout", "30000");
        properties.setProperty(prefix + "timeout", "120000");
        properties.setProperty(prefix + "writetimeout", "120000");
        return properties;
    }

    private static Folder existing(Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create the mail folder " + name);
        }
        return folder;
    }

    /** Stores the attachments of one mail and records it; true when every attachment became (or was) an input. */
    private boolean handle(Message message, List<Feed> candidates, Instant at) throws MessagingException {
        String sender = sender(message);
        String subject = message.getSubject() == null ? "" : message.getSubject();
        List<MailRecord.Attachment> results = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<Part> attachments = new ArrayList<>();
        try {
            collectAttachments(message, attachments);
        } catch (IOException e) {
            reasons.add("the mail cannot be read: " + Payloads.reason(e));
        }
        if (attachments.isEmpty() && reasons.isEmpty()) {
            reasons.add("the mail has no attachment");
        }
        for (Part part : attachments) {
            String fileName = fileName(part);
            List<Feed> takers = candidates.stream().filter(feed -> matches(feed.mail(), sender, subject, fileName))
                    .toList();
            if (takers.isEmpty()) {
                results.add(new MailRecord.Attachment(fileName, null, null, null, false, "no feed takes it"));
                reasons.add("no feed takes attachment '" + fileName + "' (from " + sender + ", subject '" + subject
                        + "')");
            }
            for (Feed feed : takers) {
                try (InputStream raw = part.getInputStream()) {
                    InputStream content = Payloads.unpacked(raw);
                    RawInput.Intake intake = inputs.receive(feed.id(), Payloads.withoutGzipSuffix(fileName, content),
                            content, false);
                    results.add(new MailRecord.Attachment(fileName, feed.id(), feed.name(), intake.input().id(),
                            intake.duplicate(), null));
                } catch (IOException | MessagingException | RuntimeException e) {
                    String reason = e instanceof InvalidInputException invalid
                            ? invalid.getMessage() : Payloads.reason(e);
                    results.add(new MailRecord.Attachment(fileName, feed.id(), feed.name(), null, false, reason));
                    reasons.add("attachment '" + fileName + "' for feed " + feed.name() + ": " + reason);
                }
            }
        }
        boolean ok = reasons.isEmpty();
        record(message, sender, subject, at, ok, String.join("; ", reasons), results);
        LOG.info("Intake mail from {} ({}): {}", sender, subject, ok ? "processed" : String.join("; ", reasons));
        return ok;
    }

    private static boolean matches(Feed.MailMatch match, String sender, String subject, String fileName) {
        return (match.sender() == null || match.sender().equalsIgnoreCase(sender))
                && (match.subject() == null || Pattern.compile(match.subject()).matcher(subject).find())
                && (match.fileName() == null || Pattern.compile(match.fileName()).matcher(fileName).find());
    }

    private static String sender(Message message) throws MessagingException {
        Address[] from = message.getFrom();
        if (from == null || from.length == 0) {
            return "";
        }
        return from[0] instanceof InternetAddress address && address.getAddress() != null
                ? address.getAddress().toLowerCase(Locale.ROOT) : from[0].toString();
    }

    private static void collectAttachments(Part part, List<Part> attachments) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectAttachments(multipart.getBodyPart(i), attachments);
            }
        } else if (part instanceof BodyPart && (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                || part.getFileName() != null)) {
            attachments.add(part);
        }
    }

    private static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null || name.isBlank()) {
            return "attachment";
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (IOException e) {
            return name;
        }
    }

    private void record(Message message, String sender, String subject, Instant at, boolean ok, String reason,
            List<MailRecord.Attachment> attachments) {
        String messageId = messageId(message);
        Instant sent;
        try {
            sent = message.getSentDate() == null ? null : message.getSentDate().toInstant();
        } catch (MessagingException e) {
            sent = null;
        }
        String outcome = ok ? "processed" : "rejected";
        String movedTo = ok ? settings.processedFolder() : settings.rejectedFolder();
        String attachmentsJson = json.writeValueAsString(attachments);
        String reasonText = reason.isEmpty() ? null : reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        int updated = jdbc.sql("""
                update mail_intake set sender = ?, subject = ?, sent_at = ?, processed_at = ?, outcome = ?, reason = ?,
                    moved_to = ?, attachments = ?
                where message_id = ?""")
                .params(cut(sender, 320), cut(subject, 1000), SqlSupport.utc(sent), SqlSupport.utc(at), outcome,
                        reasonText, movedTo, attachmentsJson, messageId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into mail_intake (message_id, sender, subject, sent_at, processed_at, outcome, reason,
                                             moved_to, attachments)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(messageId, cut(sender, 320), cut(subject, 1000), SqlSupport.utc(sent), SqlSupport.utc(at),
                            outcome, reasonText, movedTo, attachmentsJson)
                    .update();
        }
    }

    /**
     * Records a mail that could not be handled (so that it is moved to the rejected folder with its reason); when
     * even that fails, the poll fails and the mail stays where it is.
     */
    private void recordUnreadable(Message message, Instant at, Exception failure) {
        String reason = "the mail cannot be handled: " + Payloads.reason(failure);
        LOG.warn("Intake mail {}: {}", message.getMessageNumber(), reason);
        record(message, null, null, at, false, reason, List.of());
    }

    /**
     * The Message-ID, or for a mail without one a stable stand-in made from its headers (a random one when even
     * the headers cannot be read: such a mail is recorded and moved once).
     */
    private static String messageId(Message message) {
        try {
            String id = message instanceof MimeMessage mime ? mime.getMessageID() : null;
            if (id != null && !id.isBlank()) {
                return cut(id.strip(), 998);
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            Enumeration<String> headers = message instanceof MimeMessage mime ? mime.getAllHeaderLines()
                    : Collections.emptyEnumeration();
            while (headers.hasMoreElements()) {
                sha256.update(headers.nextElement().getBytes(StandardCharsets.UTF_8));
            }
            return "<no-message-id-" + HexFormat.of().formatHex(sha256.digest()) + ">";
        } catch (MessagingException e) {
            return "<unreadable-" + UUID.randomUUID() + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    /** The recorded mails, newest first, optionally of one outcome ({@code processed} or {@code rejected}). */
    public PageResult<MailRecord> list(String outcome, PageRequest page) {
        SqlSupport.Where where = new SqlSupport.Where().equal("outcome", outcome);
        long total = jdbc.sql("select count(*) from mail_intake" + where.sql()).params(where.params())
                .query(Long.class).single();
        List<MailRecord> items = jdbc.sql("select * from mail_intake" + where.sql()
                        + " order by processed_at desc, id desc limit ? offset ?")
                .params(where.paramsWithPage(page))
                .query((rs, n) -> new MailRecord(rs.getLong("id"), rs.getString("message_id"),
                        rs.getString("sender"), rs.getString("subject"), SqlSupport.instant(rs, "sent_at"),
                        SqlSupport.instant(rs, "processed_at"), rs.getString("outcome"), rs.getString("reason"),
                        rs.getString("moved_to"), attachments(rs.getString("attachments"))))
                .list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    private List<MailRecord.Attachment> attachments(String text) {
        return text == null ? List.of() : json.readValue(text, ATTACHMENTS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
