package org.opencirt.pipeline.internal.parser;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ({@code \n}, {@code \r\n} or {@code \r}) while holding at most one line of a bounded length, so that a
 * feed without line breaks cannot exhaust the heap: a longer line is cut at the limit, the rest of it skipped, and
 * {@link #truncated()} says so.
 */
final class BoundedLineReader {

    private final Reader reader;
    private final int maxLineLength;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private boolean truncated;
    private final StringBuilder pending = new StringBuilder();

    BoundedLineReader(Reader reader, int maxLineLength) {
        this.reader = reader;
        this.maxLineLength = maxLineLength;
    }

    /** Whether the last line returned was longer than the limit and cut. */
    boolean truncated() {
        return truncated;
    }

    /** The next line without its terminator, or null at the end of the input. */
    String readLine() throws IOException {
        truncated = false;
        pending.setLength(0);
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                return any ? pending.toString() : null;
            }
            any = true;
            int start = position;
            while (position < limit) {
                char c = buffer[position];
                if (c == '\n' || c == '\r') {
                    String line = take(start, position);
                    position++;
                    if (c == '\r' && (position < limit || fill()) && buffer[position] == '\n') {
                        position++;
                    }
                    return line;
                }
                position++;
            }
            append(start, position);
        }
    }

    private String take(int start, int end) {
        if (pending.isEmpty() && !truncated) {
            return end - start > maxLineLength ? cut(start, end) : new String(buffer, start, end - start);
        }
        append(start, end);
        return pending.toString();
    }

    private String cut(int start, int end) {
        append(start, end);
        return pending.toString();
    }

    private void append(int start, int end) {
        int room = maxLineLength - pending.length();
        if (end - start > room) {
            truncated = true;
            pending.append(buffer, start, Math.max(0, room));
        } else {
            pending.append(buffer, start, end - start);
        }
    }

    private boolean fill() throws IOException {
        int read = reader.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }
}
