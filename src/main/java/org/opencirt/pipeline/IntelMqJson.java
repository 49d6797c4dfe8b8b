package org.opencirt.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes an event as one IntelMQ JSON line: flat dotted keys in sorted order ({@code "source.ip"},
 * {@code "extra.tag"}), ports, AS numbers and accuracy as numbers, {@code raw} in Base64 as IntelMQ keeps it, and the
 * owner found by enrichment as {@code extra.source.organisation.*}. IntelMQ bots and its file collector read such
 * lines back, so events can be exchanged with CERTs running IntelMQ.
 *
 * <p>The line is written straight from the event's field array, which is in key order ({@link EventField}), with
 * the sorted extra map merged in where {@code "extra."} sorts: no map is built per event.
 */
public final class IntelMqJson {

    private static final String EXTRA = "extra.";
    private static final String ORGANISATION_ID = "source.organisation.id";
    private static final String ORGANISATION_MATCHED_BY = "source.organisation.matched_by";
    /** Ordinal of the first field whose key sorts after every {@code extra.*} key. */
    private static final int FIRST_AFTER_EXTRA;
    /** Quoted keys with the separator before them, per field. */
    private static final String[] KEY_PREFIX;

    static {
        EventField[] fields = EventField.values();
        int after = fields.length;
        KEY_PREFIX = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (i > 0 && fields[i - 1].key().compareTo(fields[i].key()) >= 0) {
                throw new IllegalStateException("EventField is not in key order at " + fields[i]);
            }
            if (after == fields.length && fields[i].key().compareTo(EXTRA) > 0) {
                after = i;
            }
            KEY_PREFIX[i] = "\"" + fields[i].key() + "\": ";
        }
        FIRST_AFTER_EXTRA = after;
    }

    private IntelMqJson() {
    }

    /** The event as a single line of JSON, without the line break. */
    public static String toJsonLine(Event event) {
        StringBuilder line = new StringBuilder(512);
        appendJsonLine(line, event);
        return line.toString();
    }

    /** Appends the event as a single line of JSON, without the line break, to {@code line}. */
    public static void appendJsonLine(StringBuilder line, Event event) {
        int start = line.length();
        line.append('{');
        String[] values = event.valuesView();
        for (int i = 0; i < FIRST_AFTER_EXTRA; i++) {
            appendField(line, start, i, values[i]);
        }
        appendExtras(line, start, event);
        for (int i = FIRST_AFTER_EXTRA; i < values.length; i++) {
            appendField(line, start, i, values[i]);
        }
        line.append('}');
    }

    private static void appendField(StringBuilder line, int start, int ordinal, String value) {
        if (value == null) {
            return;
        }
        separate(line, start);
        line.append(KEY_PREFIX[ordinal]);
        EventField field = EventField.at(ordinal);
        if (field == EventField.RAW) {
            line.append('"').append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                    .append('"');
        } else if (field.numeric()) {
            line.append(value);
        } else {
            appendQuoted(line, value);
        }
    }

    /** The extra map (sorted by name) merged with the owner's two keys; an owner key replaces an extra of that name. */
    private static void appendExtras(StringBuilder line, int start, Event event) {
        Map<String, Object> extra = event.extra();
        boolean owned = event.sourceOrganisationId() != Event.NO_OWNER;
        int owner = owned ? 0 : 2; // next owner key to write: 0 id, 1 matched_by, 2 none left
        Iterator<Map.Entry<String, Object>> entries = extra.entrySet().iterator();
        Map.Entry<String, Object> next = entries.hasNext() ? entries.next() : null;
        while (next != null || owner < 2) {
            String ownerKey = owner == 0 ? ORGANISATION_ID : owner == 1 ? ORGANISATION_MATCHED_BY : null;
            int order = next == null ? 1 : ownerKey == null ? -1 : next.getKey().compareTo(ownerKey);
            separate(line, start);
            if (order < 0) {
                appendQuoted(line, EXTRA + next.getKey());
                line.append(": ");
                appendJsonValue(line, next.getValue());
                next = entries.hasNext() ? entries.next() : null;
                continue;
            }
            if (order == 0) {
                next = entries.hasNext() ? entries.next() : null; // replaced by the owner key
            }
            line.append('"').append(EXTRA).append(ownerKey).append("\": ");
            if (owner == 0) {
                line.append(event.sourceOrganisationId());
            } else {
                appendQuoted(line, event.sourceOwnerMatchedBy());
            }
            owner++;
        }
    }

    private static void separate(StringBuilder line, int start) {
        if (line.length() > start + 1) {
            line.append(", ");
        }
    }

    private static void appendJsonValue(StringBuilder line, Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            line.append(value);
        } else if (value instanceof String text) {
            appendQuoted(line, text);
        } else {
            line.append(value); // a JSON tree read by the JSON lines parser prints as JSON
        }
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2);
        appendQuoted(quoted, text);
        return quoted.toString();
    }

    private static void appendQuoted(StringBuilder quoted, String text) {
        if (text == null) {
            quoted.append("null");
            return;
        }
        quoted.append('"');
        int length = text.length();
        int plain = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            quoted.append(text, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(String.format("\\u%04x", (int) c));
            }
        }
        quoted.append(text, plain, length).append('"');
    }
}
