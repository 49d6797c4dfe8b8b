package org.opencirt.pipeline.internal.parser.spamhausdrop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.internal.parser.FeedRun;

class SpamhausDropParserTests {

    private final FeedRun run = FeedRun.of(new SpamhausDropParser(FeedRun.CLOCK), "spamhausdrop/2026-11-24.txt");

    @Test
    void dropNetworksBecomeBlacklistEventsAndCommentsAreSkipped() {
        assertThat(run.summary.skipped()).isEqualTo(3);
        assertThat(run.events).extracting(event -> event.get(EventField.SOURCE_NETWORK))
                .containsExactly("198.51.100.0/24", "203.0.113.0/25");
        assertThat(run.events.get(0).get(EventField.CLASSIFICATION_TAXONOMY)).isEqualTo("other");
        assertThat(run.events.get(0).get(EventField.CLASSIFICATION_TYPE)).isEqualTo("blacklist");
        assertThat(run.events.get(0).extra()).containsEntry("sbl_id", "SBL000001");
    }

    @Test
    void networkWithHostBitsIsQuarantinedWithTheIntendedNetwork() {
        assertThat(run.quarantined).singleElement()
                .satisfies(line -> assertThat(line.reason()).startsWith("source.network: 203.0.113.1/24 has host bits")
                        .contains("203.0.113.0/24"));
    }
}
