package org.opencirt.pipeline.internal.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines read back by number are the lines the parser read, whatever the line breaks and bytes. */
class InputLinesTests {

    private static final String[] BREAKS = {"\n", "\r\n", "\r"};

    @TempDir
    Path directory;

    @Test
    void everyLineReadsBackAsTheParserReadItInAnyOrder() throws IOException {
        Random random = new Random(20261125);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // a byte order mark
        for (int i = 0; i < 5 * InputLines.STEP + 17; i++) {
            switch (random.nextInt(8)) {
                case 0 -> { } // an empty line
                case 1 -> bytes.write(new byte[] {'a', (byte) 0xC3}); // a character cut short
                case 2 -> bytes.write(new byte[] {(byte) 0xE2, (byte) 0x82, 'x', (byte) 0xFF});
                default -> bytes.write(("\"2026-11-24 00:00:00\",\"192.0.2." + i + "\",\"Zürich €\"")
                        .getBytes(StandardCharsets.UTF_8));
            }
            bytes.write(BREAKS[random.nextInt(BREAKS.length)].getBytes(StandardCharsets.UTF_8));
        }
        bytes.write("last line without a break".getBytes(StandardCharsets.UTF_8));
        Path file = directory.resolve("input.csv");
        Files.write(file, bytes.toByteArray());
        List<String> parsed = parserLines(file);
        assertThat(parsed).hasSizeGreaterThan(4 * InputLines.STEP); // \r then an empty line then \n is one break

        InputLines inputLines = new InputLines();
        try (InputLines.Reader reader = inputLines.reader()) {
            for (int n = 1; n <= parsed.size(); n++) {
                assertThat(reader.line(file, n)).as("line %d in order", n).isEqualTo(parsed.get(n - 1));
            }
            for (int i = 0; i < 3_000; i++) {
                int n = 1 + random.nextInt(parsed.size());
                assertThat(reader.line(file, n)).as("line %d", n).isEqualTo(parsed.get(n - 1));
            }
            assertThat(reader.line(file, parsed.size() + 1)).isNull();
            assertThat(reader.line(file, 0)).isNull();
            assertThat(reader.line(directory.resolve("gone.csv"), 1)).isNull();
            assertThat(reader.line(file, 3)).isEqualTo(parsed.get(2));
        }
    }

    @Test
    void aBreakOfTwoBytesAcrossTheReadBufferIsOneBreak() throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("x".repeat((1 << 16) - 1)).append("\r\n").append("second\r").append("\r\nthird\n");
        Path file = directory.resolve("long.csv");
        Files.writeString(file, text);
        try (InputLines.Reader reader = new InputLines().reader()) {
            assertThat(reader.line(file, 2)).isEqualTo("second");
            assertThat(reader.line(file, 3)).isEmpty();
            assertThat(reader.line(file, 4)).isEqualTo("third");
            assertThat(reader.line(file, 5)).isNull();
        }
        assertThat(parserLines(file)).containsExactly("x".repeat((1 << 16) - 1), "second", "", "third");
    }

    private static List<String> parserLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStreamReader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            BoundedLineReader reader = new BoundedLineReader(in, LineFeedParser.MAX_LINE_LENGTH);
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }
}
