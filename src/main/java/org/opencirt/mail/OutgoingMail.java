package org.opencirt.mail;

import java.util.List;

/**
 * A mail for {@link SecureMailer}: plain text with attachments. It is always signed; it is encrypted to
 * {@code encryptTo} (armoured OpenPGP public keys) when that list is not empty, so the caller decides whether every
 * recipient can read it. A null {@code messageId} gets a fresh one.
 */
public record OutgoingMail(List<String> to, String subject, String text, List<Attachment> attachments,
        List<String> encryptTo, String messageId) {

    public OutgoingMail {
        to = List.copyOf(to);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        encryptTo = encryptTo == null ? List.of() : List.copyOf(encryptTo);
    }

    /** A file attached to the mail. */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }
}
