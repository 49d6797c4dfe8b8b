package org.opencirt.notification.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.opencirt.pipeline.EventField;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a digest says: events as flat IntelMQ rows with stable keys, the CSV of them (IntelMQ field names as
 * columns), and subject and body from the notification templates in the recipient's language.
 */
@Component
public class DigestContent {

    /** The key enrichment writes the owning organisation under in IntelMQ JSON. */
    public static final String OWNER_KEY = "extra.source.organisation.id";
    public static final String DEFAULT_LANGUAGE = "en";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final JsonMapper json;
    private final MessageSource messages;

    public DigestContent(JsonMapper json, MessageSource messages) {
        this.json = json;
        this.messages = messages;
    }

    /** One event as sorted IntelMQ key/value text, with a key that is the same however the JSON was ordered. */
    public record Row(Map<String, String> values, String key) {
        public String owner() {
            return values.get(OWNER_KEY);
        }

        public String feed() {
            return values.getOrDefault(EventField.FEED_NAME.key(), "unknown");
        }
    }

    public Row row(String intelMqJsonLine) {
        JsonNode node = json.readTree(intelMqJsonLine);
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            JsonNode value = member.getValue();
            if (!value.isNull()) {
                values.put(member.getKey(), value.isValueNode() ? value.asString() : value.toString());
            }
        }
        return new Row(values, sha256(json.writeValueAsString(values).getBytes(StandardCharsets.UTF_8)));
    }

    /** The rows as CSV: every key any row has (raw excluded), IntelMQ fields first in their order, then extras. */
    public byte[] csv(List<Row> rows) {
        Set<String> present = new TreeSet<>();
        rows.forEach(row -> present.addAll(row.values().keySet()));
        present.remove(EventField.RAW.key());
        Set<String> columns = new LinkedHashSet<>();
        for (EventField field : EventField.values()) {
            if (present.contains(field.key())) {
                columns.add(field.key());
            }
        }
        columns.addAll(present);
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(columns.toArray(String[]::new)).get())) {
            for (Row row : rows) {
                List<String> record = new ArrayList<>(columns.size());
                columns.forEach(column -> record.add(row.values().getOrDefault(column, "")));
                printer.printRecord(record);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write CSV", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The first of the languages that has a notification template; English otherwise. */
    public String language(List<String> preferred) {
        for (String language : preferred) {
            if (DEFAULT_LANGUAGE.equals(language)
                    || new ClassPathResource("i18n/notification_" + language + ".properties").exists()) {
                return language;
            }
        }
        return DEFAULT_LANGUAGE;
    }

    public String subject(String language, String organisation, int events, Instant from, Instant to) {
        return messages.getMessage("notification.digest.subject",
                new Object[] {organisation, events, TIME.format(from), TIME.format(to)}, Locale.forLanguageTag(language));
    }

    public String body(String language, String organisation, int events, Instant from, Instant to,
            List<String> feeds, String fingerprint) {
        return messages.getMessage("notification.digest.body", new Object[] {organisation, String.valueOf(events),
                TIME.format(from), TIME.format(to), String.join(", ", feeds), fingerprint}, Locale.forLanguageTag(language));
    }

    /** The paragraph that explains the X-ARF attachment of a digest. */
    public String xarfNote(String language, int reports, int events) {
        return messages.getMessage("notification.digest.xarf", new Object[] {reports, events},
                Locale.forLanguageTag(language));
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
