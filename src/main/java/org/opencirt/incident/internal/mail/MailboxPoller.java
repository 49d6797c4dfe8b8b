package org.opencirt.incident.internal.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.opencirt.common.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Reads the intake mailbox over IMAP ({@code opencirt.incident.mail.*}; off while no host is set): every unread
 * mail is handed to {@link IncidentMailIntake}, then flagged \Seen and, when a processed folder is configured, moved
 * there. A mail whose intake fails (the database is down, say) stays unread and is tried again on the next poll;
 * its Message-ID keeps a mail read twice from becoming two reports.
 */
@Component
public class MailboxPoller {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);
    private static final String TIMEOUT_MILLIS = "30000";

    private final IncidentMailIntake intake;
    private final String host;
    private final int port;
    private final String protocol;
    private final String username;
    private final String password;
    private final String folderName;
    private final String processedFolder;

    public MailboxPoller(IncidentMailIntake intake,
            @Value("${opencirt.incident.mail.host:}") String host,
            @Value("${opencirt.incident.mail.port:0}") int port,
            @Value("${opencirt.incident.mail.protocol:imaps}") String protocol,
            @Value("${opencirt.incident.mail.username:}") String username,
            @Value("${opencirt.incident.mail.password:}") String password,
            @Value("${opencirt.incident.mail.folder:INBOX}") String folderName,
            @Value("${opencirt.incident.mail.processed-folder:}") String processedFolder) {
        if (!"imap".equals(protocol) && !"imaps".equals(protocol)) {
            throw new IllegalArgumentException("opencirt.incident.mail.protocol must be imap or imaps, not "
                    + protocol);
        }
        this.intake = intake;
        this.host = Texts.blankToNull(host);
        this.port = port;
        this.protocol = protocol;
        this.username = username;
        this.password = password;
        this.folderName = folderName;
        this.processedFolder = Texts.blankToNull(processedFolder);
    }

    /** What one poll did: mails read, and what each became. */
    public record Result(int read, int reports, int replies, int duplicates, int failed) {
        static final Result NOTHING = new Result(0, 0, 0, 0, 0);
    }

    public boolean enabled() {
        return host != null;
    }

    /** The mailbox, as reports name their source. */
    public String source() {
        return Texts.truncate("imap:" + username + "@" + host + "/" + folderName, 100);
    }

    /** Reads the unread mails once; never throws (a mailbox that cannot be reached is logged). */
    public synchronized Result poll() {
        if (!enabled()) {
            return Result.NOTHING;
        }
        Session session = Session.getInstance(properties());
        try (Store store = session.getStore(protocol)) {
            store.connect(host, port > 0 ? port : -1, username, password);
            Folder folder = store.getFolder(folderName);
            folder.open(Folder.READ_WRITE);
            int[] counts = new int[5];
            List<Message> done = new ArrayList<>();
            try {
                for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    counts[0]++;
                    if (take(message, counts)) {
                        message.setFlag(Flags.Flag.SEEN, true);
                        done.add(message);
                    }
                }
                moveToProcessed(store, folder, done);
            } finally {
                folder.close(processedFolder != null && !done.isEmpty());
            }
            return new Result(counts[0], counts[1], counts[2], counts[3], counts[4]);
        } catch (MessagingException e) {
            LOG.warn("intake mailbox {} cannot be read: {}", source(), e.getMessage());
            return Result.NOTHING;
        }
    }

    private boolean take(Message message, int[] counts) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            switch (intake.accept(raw.toByteArray(), source())) {
                case REPORT -> counts[1]++;
                case REPLY -> counts[2]++;
                case DUPLICATE, OWN -> counts[3]++;
                default -> throw new IllegalStateException();
            }
            return true;
        } catch (MessagingException | IOException | DataAccessException e) {
            counts[4]++;
            LOG.warn("mail {} of {} left unread, to be tried again: {}", message.getMessageNumber(), source(),
                    e.getMessage());
            return false;
        } catch (RuntimeException e) {
            counts[4]++;
            LOG.error("mail {} of {} left unread, to be tried again", message.getMessageNumber(), source(), e);
            return false;
        }
    }

    private void moveToProcessed(Store store, Folder folder, List<Message> done) throws MessagingException {
        if (processedFolder == null || done.isEmpty()) {
            return;
        }
        Folder target = store.getFolder(processedFolder);
        if (!target.exists()) {
            target.create(Folder.HOLDS_MESSAGES);
        }
        Message[] messages = done.toArray(Message[]::new);
        folder.copyMessages(messages, target);
        folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
    }

    private Properties properties() {
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.setProperty(prefix + "connectiontimeout", TIMEOUT_MILLIS);
        properties.setProperty(prefix + "timeout", TIMEOUT_MILLIS);
        properties.setProperty(prefix + "writetimeout", TIMEOUT_MILLIS);
        // fetching a message must not mark it read before it is stored
        properties.setProperty(prefix + "peek", "true");
        return properties;
    }
}
