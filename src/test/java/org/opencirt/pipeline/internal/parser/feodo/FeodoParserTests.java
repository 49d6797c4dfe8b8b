package org.opencirt.pipeline.internal.parser.feodo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.internal.parser.FeedRun;

class FeodoParserTests {

    @Test
    void blocklistLinesBecomeC2ServerEventsWithLowerCaseMalwareName() {
        FeedRun run = FeedRun.of(FeodoParser.create(FeedRun.CLOCK), "feodo/2026-11-24.csv");

        assertThat(run.quarantined).isEmpty();
        assertThat(run.events).hasSize(2);
        Event emotet = run.events.get(0);
        assertThat(emotet.get(EventField.CLASSIFICATION_TAXONOMY)).isEqualTo("malicious-code");
        assertThat(emotet.get(EventField.CLASSIFICATION_TYPE)).isEqualTo("c2-server");
        assertThat(emotet.get(EventField.SOURCE_IP)).isEqualTo("192.0.2.77");
        assertThat(emotet.get(EventField.SOURCE_PORT)).isEqualTo("443");
        assertThat(emotet.get(EventField.MALWARE_NAME)).isEqualTo("emotet");
        assertThat(emotet.get(EventField.TIME_SOURCE)).isEqualTo("2026-11-20T10:00:00+00:00");
        assertThat(emotet.extra()).containsEntry("last_online", "2026-11-24");
    }
}
