package org.opencirt.incident.internal.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.opencirt.common.Texts;
import org.opencirt.incident.Attachment;

/**
 * A mail as the intake reads it: headers, the text to show (the plain-text part, else the HTML part stripped of
 * markup), attachments, and whether it was signed or encrypted (PGP/MIME; neither is verified nor decrypted here).
 * Reading never throws: what cannot be read is named in {@code parseError}, and the raw message is kept anyway.
 *
 * @param skipped attachments left out because they are over the size limit (still in the raw message)
 */
record ParsedMail(String messageId, String inReplyTo, List<String> references, String fromName,
        String fromAddress, List<String> to, List<String> cc, String subject, Instant sentAt, String text,
        List<Attachment.Upload> attachments, List<String> skipped, boolean signed, boolean encrypted,
        String parseError) {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final int MAX_TEXT = 1_000_000;

    static ParsedMail parse(byte[] raw, long maxAttachmentBytes) {
        Reader reader = new Reader(maxAttachmentBytes);
        MimeMessage message;
        try {
            message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            return new ParsedMail(null, null, List.of(), null, null, List.of(), List.of(), null, null,
                    lenientText(raw), List.of(), List.of(), false, false, "unreadable headers: " + e.getMessage());
        }
        String messageId = header(message, "Message-ID");
        String inReplyTo = header(message, "In-Reply-To");
        String references = header(message, "References");
        InternetAddress from = first(addresses(message, "From", reader));
        String subject = subject(message);
        Instant sentAt = sentAt(message);
        try {
            reader.walk(message);
        } catch (MessagingException | IOException | RuntimeException e) {
            reader.problem(e);
        }
        String text = reader.text.isEmpty() ? reader.html == null ? null : HtmlText.toText(reader.html)
                : reader.text.toString().strip();
        if (text == null && reader.problem != null) {
            text = lenientText(raw);
        }
        if (reader.encrypted && text == null) {
            text = "(encrypted message: OpenCIRT does not decrypt incoming mail; the original is kept)";
        }
        return new ParsedMail(messageId, inReplyTo, references == null ? List.of()
                : Arrays.stream(references.split("\\s+")).filter(r -> !r.isBlank()).toList(),
                from == null ? null : from.getPersonal(), from == null ? null : from.getAddress(),
                addresses(message, "To", reader).stream().map(InternetAddress::getAddress).toList(),
                addresses(message, "Cc", reader).stream().map(InternetAddress::getAddress).toList(), subject, sentAt,
                Texts.truncate(text, MAX_TEXT), List.copyOf(reader.attachments), List.copyOf(reader.skipped),
                reader.signed, reader.encrypted, reader.problem);
    }

    /** Walks the MIME tree, keeping the first text of each kind and every file. */
    private static final class Reader {
        private final long maxAttachmentBytes;
        private final StringBuilder text = new StringBuilder();
        private final List<Attachment.Upload> attachments = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private String html;
        private boolean signed;
        private boolean encrypted;
        private String problem;

        Reader(long maxAttachmentBytes) {
            this.maxAttachmentBytes = maxAttachmentBytes;
        }

        void walk(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/signed")) {
                signed = true;
                Multipart multipart = (Multipart) part.getContent();
                if (multipart.getCount() > 0) {
                    walk(multipart.getBodyPart(0));
                }
            } else if (part.isMimeType("multipart/encrypted")) {
                encrypted = true;
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 1; i < multipart.getCount(); i++) {
                    keep(multipart.getBodyPart(i), "encrypted-" + i + ".asc");
                }
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i));
                }
            } else if (isFile(part)) {
                keep(part, part.isMimeType("message/rfc822") ? "forwarded-" + (attachments.size() + 1) + ".eml"
                        : "attachment-" + (attachments.size() + 1));
            } else if (part.isMimeType("text/plain")) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(textOf(part));
            } else if (part.isMimeType("text/html")) {
                if (html == null) {
                    html = textOf(part);
                }
            } else {
                keep(part, "attachment-" + (attachments.size() + 1));
            }
        }

        private static boolean isFile(Part part) throws MessagingException {
            return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName(part) != null
                    || part.isMimeType("message/rfc822");
        }

        private String textOf(Part part) throws MessagingException, IOException {
            try {
                Object content = part.getContent();
                if (content instanceof String string) {
                    return string;
                }
            } catch (UnsupportedEncodingException e) {
                problem("unknown character set (" + e.getMessage() + "), read as UTF-8");
            }
            return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        private void keep(Part part, String fallbackName) throws MessagingException, IOException {
            String name = fileName(part);
            name = name == null ? fallbackName : name;
            byte[] content;
            if (part instanceof BodyPart && part.isMimeType("message/rfc822")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ((MimeMessage) part.getContent()).writeTo(out);
                content = out.toByteArray();
            } else {
                content = part.getInputStream().readAllBytes();
            }
            if (content.length > maxAttachmentBytes) {
                skipped.add(name + " (" + content.length + " bytes)");
                return;
            }
            String type = part.getContentType() == null ? "application/octet-stream"
                    : part.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
            attachments.add(new Attachment.Upload(name, type, content));
        }

        private static String fileName(Part part) {
            try {
                String name = part.getFileName();
                return name == null ? null : MimeUtility.decodeText(name);
            } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                return null;
            }
        }

        void problem(Exception e) {
            problem(e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        void problem(String message) {
            problem = problem == null ? message : problem + "; " + message;
        }
    }

    private static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, " ");
            return value == null ? null : Texts.blankToNull(value.replaceAll("\\s+", " "));
        } catch (MessagingException e) {
            return null;
        }
    }

    private static List<InternetAddress> addresses(MimeMessage message, String name, Reader reader) {
        String value = header(message, name);
        if (value == null) {
            return List.of();
        }
        try {
            List<InternetAddress> result = new ArrayList<>();
            for (Address address : InternetAddress.parseHeader(value, false)) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    result.add(internet);
                }
            }
            return result;
        } catch (MessagingException e) {
            reader.problem("unreadable " + name + " header: " + value);
            return List.of();
        }
    }

    private static InternetAddress first(List<InternetAddress> addresses) {
        return addresses.isEmpty() ? null : addresses.get(0);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return header(message, "Subject");
        }
    }

    private static Instant sentAt(MimeMessage message) {
        try {
            Date date = message.getSentDate();
            return date == null ? null : date.toInstant();
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The raw message as text, for a human to read when the MIME structure cannot be. */
    private static String lenientText(byte[] raw) {
        return Texts.truncate(new String(raw, StandardCharsets.UTF_8), MAX_TEXT);
    }
}
