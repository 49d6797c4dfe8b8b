package org.opencirt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.opencirt.incident.internal.mail.MailboxPoller;
import org.opencirt.test.IncidentBuilder;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the incident mail tests: one GreenMail for the whole run, whose SMTP server receives what OpenCIRT
 * sends and whose IMAP server holds the intake mailbox OpenCIRT reads (real protocols both ways). The tests that
 * extend it share one application context, so they create their own organisations and incidents.
 */
abstract class IncidentMailTestSupport extends IntegrationTestSupport {

    static final String INTAKE_ADDRESS = "intake@cert.test";
    static final String INTAKE_LOGIN = "intake";
    static final String INTAKE_PASSWORD = "intake-secret";
    static final String PROCESSED = "Processed";
    static final String DUTY_OFFICER = "duty-officer@cert.test";
    private static final ServerSetup SMTP = new ServerSetup(TestMail.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    private static final ServerSetup IMAP = new ServerSetup(TestMail.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);

    static GreenMail greenMail = startMailServer();

    @Autowired
    MailboxPoller mailbox;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::getPort);
        registry.add("opencirt.incident.mail.host", () -> "127.0.0.1");
        registry.add("opencirt.incident.mail.port", IMAP::getPort);
        registry.add("opencirt.incident.mail.protocol", () -> "imap");
        registry.add("opencirt.incident.mail.username", () -> INTAKE_LOGIN);
        registry.add("opencirt.incident.mail.password", () -> INTAKE_PASSWORD);
        registry.add("opencirt.incident.mail.processed-folder", () -> PROCESSED);
        // the tests poll themselves; the schedule must not race them
        registry.add("opencirt.incident.mail.interval", () -> "1h");
        registry.add("opencirt.incident.duty-officer-email", () -> DUTY_OFFICER);
    }

    static GreenMail startMailServer() {
        GreenMail server = new GreenMail(new ServerSetup[] {SMTP, IMAP});
        server.start();
        server.setUser(INTAKE_ADDRESS, INTAKE_LOGIN, INTAKE_PASSWORD);
        return server;
    }

    /** Stops the mail server for the duration of {@code work}, then starts a fresh one on the same ports. */
    static <T> T withMailServerDown(java.util.function.Supplier<T> work) {
        greenMail.stop();
        try {
            return work.get();
        } finally {
            greenMail = startMailServer();
        }
    }

    long incident(Long... organisationIds) {
        TestHttpClient.Response created = asAdmin().postJson("/api/v1/incidents",
                IncidentBuilder.create().affecting(organisationIds).build());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    /** Puts a message into the intake mailbox over IMAP (APPEND), byte for byte, unread. */
    static void deliverToIntake(String raw) {
        withIntakeMailbox(store -> {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.appendMessages(new Message[] {message(raw.getBytes(StandardCharsets.UTF_8))});
            inbox.close(false);
            return null;
        });
    }

    /** The messages of a folder of the intake mailbox, as RFC 822 text. */
    static List<String> intakeFolder(String name) {
        return withIntakeMailbox(store -> {
            Folder folder = store.getFolder(name);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            List<String> messages = Arrays.stream(folder.getMessages()).map(IncidentMailTestSupport::text).toList();
            folder.close(false);
            return messages;
        });
    }

    /** Copies the processed message with this Message-ID back into the inbox as unread, as a lost flag would. */
    static void putBackUnread(String messageId) {
        withIntakeMailbox(store -> {
            Folder processed = store.getFolder(PROCESSED);
            processed.open(Folder.READ_ONLY);
            Message[] found = Arrays.stream(processed.getMessages()).filter(m -> text(m).contains(messageId))
                    .toArray(Message[]::new);
            assertThat(found).hasSize(1);
            Folder inbox = store.getFolder("INBOX");
            processed.copyMessages(found, inbox);
            processed.close(false);
            inbox.open(Folder.READ_WRITE);
            for (Message message : inbox.getMessages()) {
                message.setFlag(Flags.Flag.SEEN, false);
            }
            inbox.close(false);
            return null;
        });
    }

    /** The mails in one recipient's mailbox (one per mail, however many recipients it had). */
    static List<MimeMessage> receivedBy(String address) {
        greenMail.waitForIncomingEmail(5000, 1);
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) {
            return List.of();
        }
        try {
            return greenMail.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                    .map(StoredMessage::getMimeMessage).toList();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] raw(MimeMessage message) {
        return TestMail.raw(message);
    }

    static String uniqueMessageId() {
        return "<" + UUID.randomUUID() + "@reporter.example>";
    }

    private static String text(Message message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage message(byte[] raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface MailboxWork<T> {
        T apply(Store store) throws MessagingException;
    }

    private static <T> T withIntakeMailbox(MailboxWork<T> work) {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", IMAP.getPort(), INTAKE_LOGIN, INTAKE_PASSWORD);
            return work.apply(store);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

}
