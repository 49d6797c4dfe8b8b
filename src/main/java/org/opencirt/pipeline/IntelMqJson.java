package org.opencirt.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an event as one IntelMQ JSON line: flat dotted keys in sorted order ({@code "source.ip"},
 * {@code "extra.tag"}), ports, AS numbers and accuracy as numbers, {@code raw} in Base64 as IntelMQ keeps it, and the
 * owner found by enrichment as {@code extra.source.organisation.*}. IntelMQ bots and its file collector read such
 * lines back, so events can be exchanged with CERTs running IntelMQ.
 */
public final class IntelMqJson {

    private IntelMqJson() {
    }

    /** The event as a single line of JSON, without the line break. */
    public static String toJsonLine(Event event) {
        Map<String, String> members = new TreeMap<>();
        String[] values = event.valuesView();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                continue;
            }
            EventField field = EventField.at(i);
            String value = values[i];
            if (field == EventField.RAW) {
                value = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
            }
            members.put(field.key(), field.numeric() ? value : quote(value));
        }
        event.extra().forEach((name, value) -> members.put("extra." + name, jsonValue(value)));
        if (event.sourceOrganisationId() != Event.NO_OWNER) {
            members.put("extra.source.organisation.id", Long.toString(event.sourceOrganisationId()));
            members.put("extra.source.organisation.matched_by", quote(event.sourceOwnerMatchedBy()));
        }
        StringBuilder line = new StringBuilder(256).append('{');
        members.forEach((key, value) -> line.append(line.length() > 1 ? ", " : "").append(quote(key)).append(": ")
                .append(value));
        return line.append('}').toString();
    }

    private static String jsonValue(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof String text) {
            return quote(text);
        }
        return value.toString(); // a JSON tree read by the JSON lines parser prints as JSON
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
