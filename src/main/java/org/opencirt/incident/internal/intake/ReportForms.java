package org.opencirt.incident.internal.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencirt.common.Texts;
import org.opencirt.constituency.EmailAddresses;
import org.opencirt.incident.Attachment;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules shared by the public report form and the portal's report page: field checks with message keys (so the
 * form says what is wrong in the reader's language), attachment limits, and the raw JSON of what was posted.
 */
@Component
public class ReportForms {

    static final int SUBJECT_MAX = 300;
    static final int DESCRIPTION_MAX = 20_000;
    static final int NAME_MAX = 200;
    static final int ORGANISATION_MAX = 300;
    static final int AFFECTED_MAX = 4000;

    private final IntakeLimits limits;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    public ReportForms(IntakeLimits limits, JsonMapper json) {
        this.limits = limits;
        this.json = json;
    }

    /** Checks the reporter's contact fields of the public form: the e-mail address is required. */
    public void checkContact(ReportForm form, Errors errors) {
        String email = Texts.blankToNull(form.getEmail());
        if (email == null) {
            errors.rejectValue("email", "intake.field.email.required");
        } else if (!EmailAddresses.isValid(email.strip())) {
            errors.rejectValue("email", "intake.field.email.invalid");
        }
        maxLength(errors, "name", form.getName(), NAME_MAX);
        maxLength(errors, "organisation", form.getOrganisation(), ORGANISATION_MAX);
    }

    /** Checks what happened, when, and which systems: subject and description are required. */
    public void checkIncident(ReportForm form, Errors errors) {
        required(errors, "subject", form.getSubject(), SUBJECT_MAX);
        required(errors, "description", form.getDescription(), DESCRIPTION_MAX);
        maxLength(errors, "affectedSystems", form.getAffectedSystems(), AFFECTED_MAX);
        if (Texts.blankToNull(form.getOccurredAt()) != null) {
            Instant when = occurredAt(form);
            if (when == null) {
                errors.rejectValue("occurredAt", "intake.field.occurredAt.invalid");
            } else if (when.isAfter(clock.instant().plus(Duration.ofDays(1)))) {
                errors.rejectValue("occurredAt", "intake.field.occurredAt.future");
            }
        }
    }

    /**
     * The chosen files as uploads, within the count, per-file and total limits; a file over a limit is refused
     * with a message on {@code attachments} and none is taken. Empty file inputs (nothing chosen) are ignored.
     */
    public List<Attachment.Upload> attachments(ReportForm form, Errors errors) {
        List<MultipartFile> files = form.getAttachments();
        List<MultipartFile> chosen = files == null ? List.of() : files.stream()
                .filter(f -> f != null && !(f.isEmpty() && Texts.blankToNull(f.getOriginalFilename()) == null))
                .toList();
        if (chosen.size() > limits.maxAttachments()) {
            errors.rejectValue("attachments", "intake.attachments.tooMany", new Object[] {limits.maxAttachments()},
                    null);
            return List.of();
        }
        long total = 0;
        for (MultipartFile file : chosen) {
            if (file.getSize() > limits.maxAttachmentBytes()) {
                errors.rejectValue("attachments", "intake.attachments.tooLarge", new Object[] {
                        file.getOriginalFilename(), IntakeLimits.readable(limits.maxAttachmentBytes())}, null);
                return List.of();
            }
            total += file.getSize();
        }
        if (total > limits.maxAttachmentsTotalBytes()) {
            errors.rejectValue("attachments", "intake.attachments.totalTooLarge",
                    new Object[] {IntakeLimits.readable(limits.maxAttachmentsTotalBytes())}, null);
            return List.of();
        }
        List<Attachment.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : chosen) {
            try {
                uploads.add(new Attachment.Upload(file.getOriginalFilename(), file.getContentType(),
                        file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("Reading the uploaded file " + file.getOriginalFilename(), e);
            }
        }
        return uploads;
    }

    /** When it happened, from the date-time field read as UTC; null when empty or unreadable. */
    public static Instant occurredAt(ReportForm form) {
        String text = Texts.blankToNull(form.getOccurredAt());
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The description, followed by the organisation the reporter named (free text, not matched to the constituency). */
    public static String body(ReportForm form) {
        String organisation = Texts.blankToNull(form.getOrganisation());
        return form.getDescription().strip() + (organisation == null ? ""
                : "\n\nOrganisation (as given by the reporter): " + organisation.strip());
    }

    /** What was posted, field by field, with the names and sizes of the files: the report's raw input. */
    public byte[] raw(ReportForm form, boolean withContact, List<Attachment.Upload> uploads) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (withContact) {
            fields.put("name", form.getName());
            fields.put("email", form.getEmail());
            fields.put("organisation", form.getOrganisation());
        }
        fields.put("subject", form.getSubject());
        fields.put("description", form.getDescription());
        fields.put("occurredAt", form.getOccurredAt());
        fields.put("affectedSystems", form.getAffectedSystems());
        fields.put("attachments", uploads.stream().map(u -> Map.of("fileName", String.valueOf(u.fileName()),
                "contentType", String.valueOf(u.contentType()), "size", u.content().length)).toList());
        return json.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
    }

    private static void required(Errors errors, String field, String value, int max) {
        if (Texts.blankToNull(value) == null) {
            errors.rejectValue(field, "intake.field.required");
        } else {
            maxLength(errors, field, value, max);
        }
    }

    private static void maxLength(Errors errors, String field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            errors.rejectValue(field, "intake.field.tooLong", new Object[] {max}, null);
        }
    }
}
