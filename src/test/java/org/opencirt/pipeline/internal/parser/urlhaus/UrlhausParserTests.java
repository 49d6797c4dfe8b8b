package org.opencirt.pipeline.internal.parser.urlhaus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.internal.parser.FeedRun;

class UrlhausParserTests {

    private final FeedRun run = FeedRun.of(UrlhausParser.create(FeedRun.CLOCK), "urlhaus/2026-11-24.csv");

    @Test
    void urlhausLinesBecomeMalwareDistributionEventsWithTheUrlHost() {
        assertThat(run.events).hasSize(2);
        Event byIp = run.events.get(0);
        assertThat(byIp.get(EventField.CLASSIFICATION_TAXONOMY)).isEqualTo("malicious-code");
        assertThat(byIp.get(EventField.CLASSIFICATION_TYPE)).isEqualTo("malware-distribution");
        assertThat(byIp.get(EventField.SOURCE_URL)).isEqualTo("http://192.0.2.66/bins/x86");
        assertThat(byIp.get(EventField.SOURCE_IP)).isEqualTo("192.0.2.66");
        assertThat(byIp.get(EventField.STATUS)).isEqualTo("online");
        assertThat(byIp.get(EventField.FEED_PROVIDER)).isEqualTo("abuse.ch");
        assertThat(byIp.extra()).containsEntry("tags", "elf,mozi").containsEntry("urlhaus_id", "9000001");
        Event byName = run.events.get(1);
        assertThat(byName.get(EventField.SOURCE_FQDN)).isEqualTo("files.shop.example");
        assertThat(byName.has(EventField.SOURCE_IP)).isFalse();
    }

    @Test
    void commentsAreSkippedAndBadUrlIsQuarantined() {
        assertThat(run.summary.skipped()).isEqualTo(4);
        assertThat(run.quarantined).singleElement().satisfies(line -> {
            assertThat(line.lineNumber()).isEqualTo(7);
            assertThat(line.reason()).startsWith("source.url: 'not a url' is not an absolute URL");
        });
    }
}
