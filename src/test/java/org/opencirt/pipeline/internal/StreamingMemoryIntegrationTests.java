package org.opencirt.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming with bounded memory, proven in a JVM of its own with a 256 MB heap: a generated 2 GiB Shadowserver
 * report goes through the parser, owner enrichment and the rule stage's filter rules (see
 * {@link StreamingMemoryCheck}); the run must end normally with every line accounted for. An input held in memory,
 * or an over-long line read whole, would end it with OutOfMemoryError instead.
 */
class StreamingMemoryIntegrationTests {

    private static final long TWO_GIB = 2L << 30;
    private static final int HEAP_MB = 256;

    @TempDir
    Path directory;

    @Test
    void twoGibibyteReportIsParsedEnrichedAndFilteredWithA256MegabyteHeap() throws Exception {
        Path log = directory.resolve("streaming.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                StreamingMemoryCheck.class.getName(), Long.toString(TWO_GIB))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = child.waitFor(8, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertThat(ended).as("finished within 8 minutes; output:%n%s", output).isTrue();
        assertThat(child.exitValue()).as("exit code; output:%n%s", output).isZero();

        Map<String, Long> generated = values(output, "generated");
        Map<String, Long> processed = values(output, "processed");
        Map<String, Long> heap = values(output, "heap");
        assertThat(generated.get("bytes")).isGreaterThanOrEqualTo(TWO_GIB);
        assertThat(heap.get("max")).isLessThanOrEqualTo(HEAP_MB);
        assertThat(heap.get("peak")).isLessThanOrEqualTo(HEAP_MB);

        long lines = generated.get("lines");
        long quarantined = generated.get("bad") + generated.get("long");
        long events = lines - 1 - quarantined;
        assertThat(lines).isGreaterThan(10_000_000);
        assertThat(processed.get("lines")).isEqualTo(lines);
        assertThat(processed.get("events")).isEqualTo(events);
        assertThat(processed.get("quarantined")).isEqualTo(quarantined);
        assertThat(processed.get("ruleDropped")).isEqualTo(generated.get("dropped"));
        assertThat(processed.get("stored")).isEqualTo(events - generated.get("dropped"));
        assertThat(processed.get("routed")).isEqualTo(generated.get("owned"));
    }

    /** The {@code name=number} pairs of the output line that starts with {@code prefix}. */
    private static Map<String, Long> values(String output, String prefix) throws IOException {
        List<String> lines = output.lines().filter(line -> line.startsWith(prefix + " ")).toList();
        assertThat(lines).as("a line starting with '%s' in:%n%s", prefix, output).hasSize(1);
        Map<String, Long> values = new HashMap<>();
        for (String pair : lines.get(0).substring(prefix.length() + 1).split(" ")) {
            String[] parts = pair.split("=");
            values.put(parts[0], Long.parseLong(parts[1].replace("MB", "")));
        }
        return values;
    }
}
