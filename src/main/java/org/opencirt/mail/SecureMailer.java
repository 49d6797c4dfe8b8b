package org.opencirt.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.opencirt.mail.internal.InstallationKey;
import org.opencirt.mail.internal.PgpMime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Sends mail as a CIRT must: always signed with the installation's OpenPGP key and encrypted when the recipients'
 * keys are known (RFC 3156 PGP/MIME), so constituents can trust what they read. Notifications use it, and incident
 * correspondence will.
 */
@Service
public class SecureMailer {

    private static final Session SESSION = Session.getInstance(new Properties());

    private final JavaMailSender sender;
    private final InstallationKey key;
    private final String from;

    public SecureMailer(JavaMailSender sender, InstallationKey key,
            @Value("${opencirt.mail.from:cert@localhost}") String from) {
        this.sender = sender;
        this.key = key;
        this.from = from;
    }

    /** Builds the signed (and maybe encrypted) message without sending it. */
    public PreparedMail prepare(OutgoingMail mail) {
        try {
            PgpMime.PreparedPart content = new PgpMime.PreparedPart();
            content.setContent(mixed(mail));
            MimeMultipart signed = PgpMime.signed(content, key);
            boolean encrypt = !mail.encryptTo().isEmpty();
            MimeMultipart body = encrypt ? PgpMime.encrypted(signed, recipientKeys(mail.encryptTo())) : signed;
            String messageId = mail.messageId() != null ? mail.messageId() : messageId(UUID.randomUUID().toString());
            MimeMessage message = new IdentifiedMessage(messageId);
            message.setFrom(new InternetAddress(from));
            message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(String.join(",", mail.to())));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setContent(body);
            message.setHeader("Content-Transfer-Encoding", "7bit");
            message.saveChanges();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            return new PreparedMail(messageId, raw.toByteArray(), true, encrypt);
        } catch (MessagingException | IOException e) {
            throw new MailPreparationException("cannot build the signed message: " + e.getMessage(), e);
        }
    }

    /** Sends a prepared message exactly as it was built (its signature stays valid). */
    public void send(byte[] raw) throws MailException {
        try {
            sender.send(new StoredMessage(new ByteArrayInputStream(raw)));
        } catch (MessagingException e) {
            throw new MailPreparationException("cannot read the stored message: " + e.getMessage(), e);
        }
    }

    /** Builds and sends at once. */
    public PreparedMail send(OutgoingMail mail) throws MailException {
        PreparedMail prepared = prepare(mail);
        send(prepared.raw());
        return prepared;
    }

    /** The installation's armoured OpenPGP public key, for constituents to verify signatures with. */
    public String signingKey() {
        return key.armouredPublicKey();
    }

    public String signingKeyFingerprint() {
        return key.fingerprint();
    }

    private static MimeMultipart mixed(OutgoingMail mail) throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text().replace("\r\n", "\n").replace("\n", "\r\n"), StandardCharsets.UTF_8.name());
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        mixed.addBodyPart(text);
        for (OutgoingMail.Attachment attachment : mail.attachments()) {
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(),
                    attachment.contentType())));
            file.setFileName(attachment.fileName());
            file.setDisposition(Part.ATTACHMENT);
            file.setHeader("Content-Transfer-Encoding", "base64");
            mixed.addBodyPart(file);
        }
        return mixed;
    }

    private static List<PGPPublicKey> recipientKeys(List<String> armoured) {
        return armoured.stream().map(PgpMime::encryptionKey).toList();
    }

    /** A Message-ID in the sender's domain, such as {@code <notification.abc@cert.example>}. */
    public String messageId(String localPart) {
        int at = from.lastIndexOf('@');
        return "<" + localPart + "@" + (at < 0 ? "localhost" : from.substring(at + 1).replace(">", "").trim()) + ">";
    }

    /** A new message whose Message-ID is chosen by the caller, so a resend can be recognised as the same mail. */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String messageId;

        IdentifiedMessage(String messageId) {
            super(SESSION);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /** A message read back from its bytes; Jakarta Mail must not rewrite its (signed) body when sending. */
    private static final class StoredMessage extends MimeMessage {
        StoredMessage(InputStream raw) throws MessagingException {
            super(SESSION, raw);
        }

        @Override
        protected void updateHeaders() {
            // sent exactly as stored
        }
    }
}
