package org.opencirt.pipeline.internal.parser.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.IntelMqJson;
import org.opencirt.pipeline.internal.parser.FeedRun;

class JsonLinesParserTests {

    private final FeedRun run = FeedRun.of(new JsonLinesParser(new Event().set(EventField.FEED_NAME, "Partner"),
            FeedRun.CLOCK), "jsonlines/2026-11-24.jsonl");

    @Test
    void intelMqLinesBecomeEventsWithRsitSpellingAndDecodedRaw() {
        assertThat(run.events).hasSize(2);
        Event first = run.events.get(0);
        assertThat(first.get(EventField.CLASSIFICATION_TYPE)).isEqualTo("unauthorised-use-of-resources");
        assertThat(first.get(EventField.CLASSIFICATION_TAXONOMY)).isEqualTo("fraud");
        assertThat(first.get(EventField.FEED_NAME)).isEqualTo("IntelMQ Partner");
        assertThat(first.get(EventField.RAW)).isEqualTo("\"2026-11-24 09:00:00\",\"192.0.2.99\"");
        assertThat(first.extra()).containsEntry("count", 3L).containsEntry("note", "fictional");
        assertThat(run.events.get(1).get(EventField.SOURCE_FQDN)).isEqualTo("scanner.example");
        assertThat(run.events.get(1).get(EventField.FEED_NAME)).isEqualTo("Partner");
    }

    @Test
    void invalidValuesAndUnknownKeysAreQuarantinedWithReasons() {
        assertThat(run.quarantined).extracting(line -> line.reason()).containsExactly(
                "source.ip: '198.51.100.300' is not an IP address such as 192.0.2.1 or 2001:db8::1",
                "unknown.key: is not an IntelMQ field; use extra.unknown.key");
    }

    @Test
    void exportedLineReadsBackAsTheSameEvent() throws IOException {
        Event original = run.events.get(0);
        String line = IntelMqJson.toJsonLine(original);

        List<Event> readBack = new ArrayList<>();
        new JsonLinesParser(new Event(), FeedRun.CLOCK).parse(
                new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                batch -> readBack.addAll(batch.asList()), quarantined -> { });
        assertThat(line).startsWith("{\"classification.taxonomy\": \"fraud\", \"classification.type\": "
                + "\"unauthorised-use-of-resources\", \"extra.count\": 3, \"extra.note\": \"fictional\"");
        assertThat(line).contains("\"raw\": \"IjIwMjYtMTEtMjQgMDk6MDA6MDAiLCIxOTIuMC4yLjk5Ig==\"",
                "\"source.port\": 25");
        assertThat(readBack).containsExactly(original);
    }
}
