package org.opencirt.incident.internal;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencirt.common.Texts;
import org.opencirt.incident.Correspondence;
import org.opencirt.incident.Incident;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What an outgoing incident mail says: the template of the chosen kind in the recipient's language around the
 * analyst's text, with the incident tag in the subject so replies find their way back. Subjects stay generic, as
 * they travel in clear even when the body is encrypted.
 */
@Component
public class CorrespondenceContent {

    public static final String DEFAULT_LANGUAGE = "en";
    /** Languages that have templates; the UI offers these. */
    public static final List<String> LANGUAGES = List.of("en", "fr");

    private final MessageSource messages;

    public CorrespondenceContent(MessageSource messages) {
        this.messages = messages;
    }

    /** Whether the language has correspondence templates. */
    public static boolean hasTemplates(String language) {
        return language != null && (DEFAULT_LANGUAGE.equals(language)
                || new ClassPathResource("i18n/correspondence_" + language + ".properties").exists());
    }

    /** The first of the preferred languages that has templates; English otherwise. */
    public String language(List<String> preferred) {
        return preferred.stream().filter(CorrespondenceContent::hasTemplates).findFirst().orElse(DEFAULT_LANGUAGE);
    }

    /** The subject: the incident tag, then the given subject or the template's. */
    public String subject(Incident incident, Correspondence.Template template, String language,
            String organisation, String given) {
        String text = Texts.blankToNull(given) != null ? given.strip()
                : message("correspondence.mail.subject." + template.name(), language, organisation(organisation,
                        language));
        return text.contains(incident.tag()) ? text : incident.tag() + " " + text;
    }

    public String body(Incident incident, Correspondence.Template template, String language, String organisation,
            String text, String fingerprint) {
        StringBuilder body = new StringBuilder(message("correspondence.mail.greeting", language)).append("\n\n");
        if (template != Correspondence.Template.FREE) {
            body.append(message("correspondence.mail.intro." + template.name(), language,
                    organisation(organisation, language), incident.tag())).append("\n\n");
        }
        body.append(text.strip()).append("\n\n");
        body.append(message("correspondence.mail.footer", language, incident.tag(), incident.tlp().label(),
                fingerprint));
        return body.toString();
    }

    /** A message of the correspondence bundle in the given language. */
    public String message(String key, String language, Object... args) {
        return messages.getMessage(key, args, Locale.forLanguageTag(language));
    }

    /**
     * The message with more header fields in front. PGP/MIME signs the body only, so adding headers keeps the
     * signature valid; values must be ASCII.
     */
    public static byte[] withHeaders(byte[] raw, Map<String, String> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 256);
        headers.forEach((name, value) -> {
            if (value != null) {
                out.writeBytes((name + ": " + MimeUtility.fold(name.length() + 2, value) + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
        });
        out.writeBytes(raw);
        return out.toByteArray();
    }

    private String organisation(String name, String language) {
        return name != null ? name : message("correspondence.mail.yourOrganisation", language);
    }
}
