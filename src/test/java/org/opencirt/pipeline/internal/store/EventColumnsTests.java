package org.opencirt.pipeline.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.IntelMqJson;

/** What the typed columns give back exactly is left out of data; anything else stays in it. */
class EventColumnsTests {

    @Test
    void canonicalTimesReadBackFromMicrosecondsAsTheEventHasThem() {
        Random random = new Random(20261125);
        long[] micros = new long[EventColumns.TYPED.length];
        for (int i = 0; i < 20_000; i++) {
            long second = -2_000_000_000L + (long) (random.nextDouble() * 6_000_000_000L);
            String text = Instant.ofEpochSecond(second, random.nextBoolean() ? 0 : random.nextInt(1_000_000) * 1000L)
                    .toString();
            Event event = new Event().set(EventField.TIME_SOURCE, text);
            String canonical = event.get(EventField.TIME_SOURCE);
            long omit = EventColumns.omitted(event, micros);
            assertThat(omit & IntelMqJson.omit(EventField.TIME_SOURCE)).as(canonical).isNotZero();
            assertThat(EventColumns.canonicalTime(micros[0])).isEqualTo(canonical);
            assertThat(micros[0]).isEqualTo(CopyRows.timestampMicros(canonical));
        }
    }

    @Test
    void valuesTheColumnsCannotGiveBackStayInData() {
        long[] micros = new long[EventColumns.TYPED.length];
        Event event = new Event().set(EventField.TIME_SOURCE, "2026-11-24 10:00:00.0000001")
                .set(EventField.TIME_OBSERVATION, "2026-11-24T10:00:00.5Z").set(EventField.SOURCE_PORT, "443")
                .set(EventField.SOURCE_IP, "192.0.2.1").set(EventField.RAW, "explicit raw")
                .set(EventField.FEED_NAME, "feed");
        assertThat(event.get(EventField.TIME_SOURCE)).isEqualTo("2026-11-24T10:00:00.000000+00:00");
        long omit = EventColumns.omitted(event, micros);
        assertThat(omit & IntelMqJson.omit(EventField.TIME_SOURCE)).isZero();
        assertThat(omit & IntelMqJson.omit(EventField.TIME_OBSERVATION)).isNotZero();
        assertThat(omit & IntelMqJson.omit(EventField.SOURCE_PORT)).isNotZero();
        assertThat(omit & IntelMqJson.omit(EventField.SOURCE_IP)).isNotZero();
        assertThat(omit & IntelMqJson.omit(EventField.RAW)).as("raw not from the input").isZero();
        assertThat(omit & IntelMqJson.omit(EventField.FEED_NAME)).as("no column").isZero();
        assertThat(omit & IntelMqJson.OMIT_OWNER_ID).isZero();

        event.setRawLine("the input line");
        event.setSourceOwner(12, "ip");
        omit = EventColumns.omitted(event, micros);
        assertThat(omit & IntelMqJson.omit(EventField.RAW)).isNotZero();
        assertThat(omit & IntelMqJson.OMIT_OWNER_ID).isNotZero();
        event.set(EventField.RAW, "replaced");
        assertThat(event.rawIsInputLine()).isFalse();
    }
}
