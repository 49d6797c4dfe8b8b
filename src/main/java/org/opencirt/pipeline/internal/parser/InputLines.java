package org.opencirt.pipeline.internal.parser;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Reads lines of stored inputs back by number, numbered and decoded exactly as {@link LineFeedParser} read them
 * (UTF-8 with replacement, {@link BoundedLineReader}): the event store keeps an event's line number instead of its
 * {@code raw} line when the line is the raw (ADR 0010), and exports read it back here.
 *
 * <p>A file's index holds the byte offset of every 1,024th line, found by one scan of the bytes (a line ends at
 * {@code \n}, {@code \r\n} or {@code \r}, bytes that UTF-8 never uses inside a character, so the byte and character
 * views split lines alike). It is built on first use and kept for the most recently used files (stored inputs never
 * change); a line then costs at most 1,024 lines of decoding, and lines asked for in order are read on.
 */
@Component
public class InputLines {

    static final int STEP = 1024;
    private static final int CACHED_FILES = 64;

    private final Map<String, long[]> indexes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > CACHED_FILES;
        }
    };

    /** A reader for one export or page; not thread-safe; keeps at most one file open. */
    public Reader reader() {
        return new Reader();
    }

    /** Reads lines of stored input files, forward from where it is when it can. */
    public final class Reader implements AutoCloseable {

        private Path file;
        private FileChannel channel;
        private BoundedLineReader lines;
        private long nextLine;
        private long[] index;

        /** Line {@code number} (1-based) of the file, or null when the file or the line does not exist. */
        public String line(Path path, long number) {
            try {
                if (number < 1) {
                    return null;
                }
                if (!path.equals(file)) {
                    close();
                    file = path;
                    try {
                        channel = FileChannel.open(path, StandardOpenOption.READ);
                    } catch (NoSuchFileException gone) {
                        return null;
                    }
                    index = indexOf(path, channel);
                }
                if (channel == null) {
                    return null;
                }
                long block = (number - 1) / STEP;
                if (lines == null || number < nextLine || (nextLine - 1) / STEP < block) {
                    if (block >= index.length) {
                        return null;
                    }
                    channel.position(index[(int) block]);
                    lines = new BoundedLineReader(new InputStreamReader(Channels.newInputStream(channel),
                            StandardCharsets.UTF_8), LineFeedParser.MAX_LINE_LENGTH);
                    nextLine = block * STEP + 1;
                }
                String line = null;
                while (nextLine <= number) {
                    line = lines.readLine();
                    if (line == null) {
                        lines = null;
                        return null;
                    }
                    nextLine++;
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException("Reading line " + number + " of " + path + " failed", e);
            }
        }

        @Override
        public void close() {
            lines = null;
            file = null;
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    channel = null;
                }
            }
        }
    }

    private long[] indexOf(Path path, FileChannel channel) throws IOException {
        String key = path + "|" + channel.size() + "|" + Files.getLastModifiedTime(path).toMillis();
        synchronized (indexes) {
            long[] index = indexes.get(key);
            if (index != null) {
                return index;
            }
        }
        long[] index = index(channel);
        synchronized (indexes) {
            indexes.put(key, index);
        }
        return index;
    }

    /** Byte offsets of lines 1, 1 + STEP, 1 + 2 * STEP... */
    static long[] index(FileChannel channel) throws IOException {
        long[] starts = new long[16];
        int count = 0;
        long line = 0;
        boolean atLineStart = true;
        boolean afterCr = false;
        long offset = 0;
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        channel.position(0);
        while (channel.read(buffer) > 0) {
            buffer.flip();
            byte[] bytes = buffer.array();
            int limit = buffer.limit();
            for (int i = 0; i < limit; i++, offset++) {
                byte b = bytes[i];
                if (atLineStart) {
                    if (afterCr && b == '\n') {
                        afterCr = false;
                        continue;
                    }
                    if (line % STEP == 0) {
                        if (count == starts.length) {
                            starts = Arrays.copyOf(starts, count * 2);
                        }
                        starts[count++] = offset;
                    }
                    line++;
                    atLineStart = false;
                }
                afterCr = b == '\r';
                if (b == '\n' || b == '\r') {
                    atLineStart = true;
                }
            }
            buffer.clear();
        }
        return Arrays.copyOf(starts, count);
    }
}
