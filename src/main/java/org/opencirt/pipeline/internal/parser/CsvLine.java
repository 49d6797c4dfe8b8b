package org.opencirt.pipeline.internal.parser;

import java.util.Arrays;

/**
 * Splits one CSV line (RFC 4180 quoting, {@code ""} inside quotes) into fields without copying them: it records where
 * each field starts and ends, and {@link #get} makes a string only for the fields a parser reads. Reused line after
 * line by one parse run.
 */
public final class CsvLine {

    private final char delimiter;
    private String line;
    private int count;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private boolean[] escaped = new boolean[32];

    public CsvLine(char delimiter) {
        this.delimiter = delimiter;
    }

    /**
     * Splits a line.
     *
     * @throws IllegalArgumentException when a quoted field is not closed or is followed by other characters
     */
    public CsvLine split(String text) {
        line = text;
        count = 0;
        int length = text.length();
        int i = 0;
        while (true) {
            ensureRoom();
            if (i < length && text.charAt(i) == '"') {
                int start = i + 1;
                boolean hasEscapes = false;
                int j = start;
                while (true) {
                    if (j >= length) {
                        throw new IllegalArgumentException("unclosed quote in field " + (count + 1));
                    }
                    if (text.charAt(j) == '"') {
                        if (j + 1 < length && text.charAt(j + 1) == '"') {
                            hasEscapes = true;
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                record(start, j, hasEscapes);
                i = j + 1;
                if (i < length && text.charAt(i) != delimiter) {
                    throw new IllegalArgumentException("characters after the closing quote of field " + count);
                }
            } else {
                int end = text.indexOf(delimiter, i);
                if (end < 0) {
                    end = length;
                }
                record(i, end, false);
                i = end;
            }
            if (i >= length) {
                return this;
            }
            i++; // the delimiter
        }
    }

    private void record(int start, int end, boolean hasEscapes) {
        starts[count] = start;
        ends[count] = end;
        escaped[count] = hasEscapes;
        count++;
    }

    private void ensureRoom() {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            escaped = Arrays.copyOf(escaped, count * 2);
        }
    }

    /** The number of fields. */
    public int size() {
        return count;
    }

    /** Whether a field is empty (no string is made). */
    public boolean isEmpty(int index) {
        return starts[index] == ends[index];
    }

    /** A field's text, quotes removed. */
    public String get(int index) {
        String value = line.substring(starts[index], ends[index]);
        return escaped[index] ? value.replace("\"\"", "\"") : value;
    }
}
