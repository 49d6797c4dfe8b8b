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
 *
 * <p>The event store keeps in typed columns what they hold exactly and only the other members as JSON (ADR 0010):
 * {@link #appendJsonLine(StringBuilder, Event, long)} leaves members out, {@link #appendMerged} puts them back in key
 * order, so that the line read back is the line {@link #toJsonLine} writes, byte for byte.
 */
public final class IntelMqJson {

    private static final String EXTRA = "extra.";
    private static final String ORGANISATION_ID = "source.organisation.id";
    private static final String ORGANISATION_MATCHED_BY = "source.organisation.matched_by";
    /** Ordinal of the first field whose key sorts after every {@code extra.*} key. */
    private static final int FIRST_AFTER_EXTRA;
    /** Quoted keys with the separator before them, per field. */
    private static final String[] KEY_PREFIX;
    private static final String OWNER_ID_KEY = EXTRA + ORGANISATION_ID;
    /** Bit of an omission mask that leaves out {@code extra.source.organisation.id}; see {@link #omit(EventField)}. */
    public static final long OMIT_OWNER_ID = 1L << 63;

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
        if (fields.length > 63) {
            throw new IllegalStateException("An omission mask holds 63 fields");
        }
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
        appendJsonLine(line, event, 0);
    }

    /** The bit of an omission mask that leaves out a field. */
    public static long omit(EventField field) {
        return 1L << field.ordinal();
    }

    /**
     * Appends the event as a JSON object, leaving out the fields whose {@link #omit(EventField)} bit is set in
     * {@code omit} and, with {@link #OMIT_OWNER_ID}, the owner's id; everything else as {@link #toJsonLine} writes it.
     */
    public static void appendJsonLine(StringBuilder line, Event event, long omit) {
        int start = line.length();
        line.append('{');
        String[] values = event.valuesView();
        for (int i = 0; i < FIRST_AFTER_EXTRA; i++) {
            if ((omit & 1L << i) == 0) {
                appendField(line, start, i, values[i]);
            }
        }
        appendExtras(line, start, event, (omit & OMIT_OWNER_ID) != 0);
        for (int i = FIRST_AFTER_EXTRA; i < values.length; i++) {
            if ((omit & 1L << i) == 0) {
                appendField(line, start, i, values[i]);
            }
        }
        line.append('}');
    }

    /**
     * Appends the IntelMQ JSON line of a stored event: the members of {@code data} (a JSON object as
     * {@link #appendJsonLine(StringBuilder, Event, long)} writes it) merged in key order with the fields in
     * {@code values} (canonical values by {@link EventField} ordinal, null when not set) and the owner's id
     * ({@link Event#NO_OWNER}: none). A member of {@code data} wins over a value given for the same key, so a full
     * line as {@code data} comes out unchanged.
     *
     * @throws IllegalArgumentException when {@code data} is not a JSON object
     */
    public static void appendMerged(StringBuilder line, String data, String[] values, long ownerId) {
        int start = line.length();
        line.append('{');
        int fill = nextFill(values, ownerId, 0);
        int at = skipSpace(data, 0);
        if (at >= data.length() || data.charAt(at) != '{') {
            throw new IllegalArgumentException("Stored event data is not a JSON object: " + data);
        }
        at = skipSpace(data, at + 1);
        while (at < data.length() && data.charAt(at) != '}') {
            int keyEnd = endOfString(data, at);
            String key = key(data, at, keyEnd);
            int valueAt = skipSpace(data, keyEnd);
            if (valueAt >= data.length() || data.charAt(valueAt) != ':') {
                throw new IllegalArgumentException("Stored event data is not a JSON object: " + data);
            }
            int valueEnd = endOfValue(data, skipSpace(data, valueAt + 1));
            while (fill < FILLS) {
                int order = fillKey(fill).compareTo(key);
                if (order > 0) {
                    break;
                }
                if (order < 0) {
                    appendFill(line, start, fill, values, ownerId);
                }
                fill = nextFill(values, ownerId, fill + 1);
            }
            separate(line, start);
            line.append(data, at, valueEnd);
            at = skipSpace(data, valueEnd);
            if (at < data.length() && data.charAt(at) == ',') {
                at = skipSpace(data, at + 1);
            }
        }
        for (; fill < FILLS; fill = nextFill(values, ownerId, fill + 1)) {
            appendFill(line, start, fill, values, ownerId);
        }
        line.append('}');
    }

    /** Merge positions in key order: fields before {@code extra.}, the owner's id, the other fields. */
    private static final int FILLS = EventField.COUNT + 1;

    private static int fillOrdinal(int fill) {
        return fill < FIRST_AFTER_EXTRA ? fill : fill - 1;
    }

    private static String fillKey(int fill) {
        return fill == FIRST_AFTER_EXTRA ? OWNER_ID_KEY : EventField.at(fillOrdinal(fill)).key();
    }

    private static int nextFill(String[] values, long ownerId, int from) {
        int fill = from;
        while (fill < FILLS && (fill == FIRST_AFTER_EXTRA ? ownerId == Event.NO_OWNER
                : values[fillOrdinal(fill)] == null)) {
            fill++;
        }
        return fill;
    }

    private static void appendFill(StringBuilder line, int start, int fill, String[] values, long ownerId) {
        if (fill == FIRST_AFTER_EXTRA) {
            separate(line, start);
            line.append('"').append(OWNER_ID_KEY).append("\": ").append(ownerId);
        } else {
            appendField(line, start, fillOrdinal(fill), values[fillOrdinal(fill)]);
        }
    }

    private static int skipSpace(String text, int from) {
        int at = from;
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t' || text.charAt(at) == '\n'
                || text.charAt(at) == '\r')) {
            at++;
        }
        return at;
    }

    /** The index after the JSON string starting at {@code from}. */
    private static int endOfString(String text, int from) {
        if (from >= text.length() || text.charAt(from) != '"') {
            throw new IllegalArgumentException("Expected a JSON string in stored event data: " + text);
        }
        for (int at = from + 1; at < text.length(); at++) {
            char c = text.charAt(at);
            if (c == '\\') {
                at++;
            } else if (c == '"') {
                return at + 1;
            }
        }
        throw new IllegalArgumentException("Unterminated JSON string in stored event data: " + text);
    }

    /** The index after the JSON value starting at {@code from}: a string, an object, an array or a literal. */
    private static int endOfValue(String text, int from) {
        if (from < text.length() && text.charAt(from) == '"') {
            return endOfString(text, from);
        }
        int depth = 0;
        int at = from;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                at = endOfString(text, at);
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return at;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return at;
            }
            at++;
        }
        return at;
    }

    /** The key of the member whose quoted key spans {@code from} to {@code end}, unescaped. */
    private static String key(String text, int from, int end) {
        String raw = text.substring(from + 1, end - 1);
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder key = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 == raw.length()) {
                key.append(c);
                continue;
            }
            char escaped = raw.charAt(++i);
            switch (escaped) {
                case 'n' -> key.append('\n');
                case 'r' -> key.append('\r');
                case 't' -> key.append('\t');
                case 'b' -> key.append('\b');
                case 'f' -> key.append('\f');
                case 'u' -> {
                    key.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> key.append(escaped);
            }
        }
        return key.toString();
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

    /**
     * The extra map (sorted by name) merged with the owner's two keys; an owner key replaces an extra of that name.
     * With {@code omitOwnerId} the owner's id is left out (an extra of that name still gives way to it).
     */
    private static void appendExtras(StringBuilder line, int start, Event event, boolean omitOwnerId) {
        Map<String, Object> extra = event.extra();
        boolean owned = event.sourceOrganisationId() != Event.NO_OWNER;
        int owner = owned ? 0 : 2; // next owner key to write: 0 id, 1 matched_by, 2 none left
        Iterator<Map.Entry<String, Object>> entries = extra.entrySet().iterator();
        Map.Entry<String, Object> next = entries.hasNext() ? entries.next() : null;
        while (next != null || owner < 2) {
            String ownerKey = owner == 0 ? ORGANISATION_ID : owner == 1 ? ORGANISATION_MATCHED_BY : null;
            int order = next == null ? 1 : ownerKey == null ? -1 : next.getKey().compareTo(ownerKey);
            if (order < 0) {
                separate(line, start);
                appendQuoted(line, EXTRA + next.getKey());
                line.append(": ");
                appendJsonValue(line, next.getValue());
                next = entries.hasNext() ? entries.next() : null;
                continue;
            }
            if (order == 0) {
                next = entries.hasNext() ? entries.next() : null; // replaced by the owner key
            }
            if (owner == 0 && omitOwnerId) {
                owner++;
                continue;
            }
            separate(line, start);
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
