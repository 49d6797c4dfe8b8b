package org.opencirt.pipeline.internal.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.InvalidValueException;

/**
 * How the columns of a CSV feed become event fields, read from a properties file so that a new report type or a
 * partner's CSV needs configuration, not code. Keys:
 * <ul>
 * <li>{@code column.<name> = <field>[, <field>...]}: the column (by header name, or by 1-based position when
 * {@code header = false}) goes to IntelMQ fields such as {@code source.ip} or to {@code extra.<name>}. A field ending
 * in {@code ?} is lenient: an invalid value goes to {@code extra.<column>} instead of quarantining the line.</li>
 * <li>any IntelMQ field key ({@code feed.name}, {@code classification.type}, {@code protocol.application}...): a
 * constant set on every event.</li>
 * <li>{@code required = source.ip, time.source}: fields every event must have.</li>
 * <li>{@code unmapped = extra} (default) or {@code ignore}: what happens to columns not listed.</li>
 * <li>{@code header = true} (default) or {@code false}; {@code delimiter = ,} (default, or {@code tab});
 * {@code comment = #} (default): lines starting with it are skipped.</li>
 * </ul>
 */
public final class ColumnMapping {

    private static final String COLUMN_PREFIX = "column.";
    private static final String EXTRA_PREFIX = "extra.";

    private record Target(EventField field, String extraName, boolean lenient) {
    }

    private final Event template = new Event();
    private final Map<String, Target[]> columns = new HashMap<>();
    private final List<EventField> required = new ArrayList<>();
    private final boolean unmappedToExtra;
    private final boolean header;
    private final char delimiter;
    private final String commentPrefix;

    private ColumnMapping(Properties properties, String source) {
        unmappedToExtra = !"ignore".equals(properties.getProperty("unmapped", "extra").strip());
        header = Boolean.parseBoolean(properties.getProperty("header", "true").strip());
        String delimiterText = properties.getProperty("delimiter", ",");
        delimiter = "tab".equals(delimiterText.strip()) ? '\t' : delimiterText.charAt(0);
        commentPrefix = properties.getProperty("comment", "#").strip();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).strip();
            if (key.startsWith(COLUMN_PREFIX)) {
                columns.put(key.substring(COLUMN_PREFIX.length()), targets(value, source, key));
            } else if (key.equals("required")) {
                for (String name : value.split(",")) {
                    required.add(field(name.strip(), source, key));
                }
            } else if (EventField.ofKey(key) != null) {
                try {
                    template.set(EventField.ofKey(key), value);
                } catch (InvalidValueException e) {
                    throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
                }
            } else if (!List.of("unmapped", "header", "delimiter", "comment", "report").contains(key)) {
                throw new IllegalArgumentException(source + ": unknown key '" + key + "'");
            }
        }
    }

    /**
     * Reads a mapping.
     *
     * @param source names the configuration in error messages
     * @throws IllegalArgumentException naming the source and the key at fault
     */
    public static ColumnMapping fromProperties(Properties properties, String source) {
        return new ColumnMapping(properties, source);
    }

    /**
     * Reads a mapping shipped as a resource next to a class.
     *
     * @throws IllegalStateException when the resource is missing or unreadable (a packaging error)
     */
    public static ColumnMapping fromResource(Class<?> owner, String name) {
        Properties properties = new Properties();
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing next to " + owner.getName());
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + name, e);
        }
        return fromProperties(properties, name);
    }

    private static Target[] targets(String value, String source, String key) {
        String[] names = value.split(",");
        Target[] targets = new Target[names.length];
        for (int i = 0; i < names.length; i++) {
            String name = names[i].strip();
            boolean lenient = name.endsWith("?");
            if (lenient) {
                name = name.substring(0, name.length() - 1);
            }
            targets[i] = name.startsWith(EXTRA_PREFIX)
                    ? new Target(null, name.substring(EXTRA_PREFIX.length()), false)
                    : new Target(field(name, source, key), null, lenient);
        }
        return targets;
    }

    private static EventField field(String name, String source, String key) {
        EventField field = EventField.ofKey(name);
        if (field == null) {
            throw new IllegalArgumentException(source + ": " + key + " names an unknown field '" + name + "'");
        }
        return field;
    }

    /** The constant fields, to copy for each event. */
    public Event template() {
        return template;
    }

    public boolean hasHeader() {
        return header;
    }

    public char delimiter() {
        return delimiter;
    }

    /** Whether a line is a comment to skip. */
    public boolean isComment(String line) {
        return !commentPrefix.isEmpty() && line.startsWith(commentPrefix);
    }

    /** The mapping applied to an input whose header (or, without header, whose column count) is known. */
    public Binding bind(CsvLine headerLine) {
        String[] names = new String[headerLine.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = header ? headerLine.get(i).strip() : Integer.toString(i + 1);
        }
        return new Binding(names);
    }

    /** The mapping bound to the columns of one input. */
    public final class Binding {

        private final String[] names;
        private final Target[][] byColumn;

        private Binding(String[] names) {
            this.names = names;
            byColumn = new Target[names.length][];
            for (int i = 0; i < names.length; i++) {
                Target[] mapped = columns.get(names[i]);
                byColumn[i] = mapped != null ? mapped
                        : unmappedToExtra ? new Target[] {new Target(null, names[i], false)} : null;
            }
        }

        /**
         * Fills an event from a row.
         *
         * @throws IllegalArgumentException when the row has another number of columns, a value is invalid or a
         *         required field is missing
         */
        public void apply(CsvLine row, Event event) {
            if (row.size() != byColumn.length) {
                throw new IllegalArgumentException("expected " + byColumn.length + " columns, found " + row.size());
            }
            for (int i = 0; i < byColumn.length; i++) {
                Target[] targets = byColumn[i];
                if (targets == null || row.isEmpty(i)) {
                    continue;
                }
                String value = row.get(i);
                for (Target target : targets) {
                    if (target.field == null) {
                        event.setExtra(target.extraName, value);
                        continue;
                    }
                    try {
                        event.set(target.field, value);
                    } catch (InvalidValueException e) {
                        if (!target.lenient) {
                            throw e;
                        }
                        event.setExtra(names[i], value);
                    }
                }
            }
            for (EventField field : required) {
                if (!event.has(field)) {
                    throw new InvalidValueException(field.key(), "is required but missing");
                }
            }
        }
    }
}
