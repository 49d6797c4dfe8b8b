package org.opencirt.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The streaming IntelMQ JSON writer against the straightforward sorted-map definition of the format. */
class IntelMqJsonTests {

    private static final String[] EXTRA_NAMES = {"a", "tag", "source", "source.organisation.id", "source.organisation.m",
            "source.organisation.matched_by", "source.organisation.z", "zzz", "quote\"d", "tab\tkey"};
    private static final Object[] EXTRA_VALUES = {"x", 7, true, 2.5, "line\nbreak", "back\\slash \"q\" \u0001",
            "{not: [an object]}", JsonMapper.builder().build().readTree("{\"a\": [1, {\"b\": \"}\"}], \"c\": null}")};

    @Test
    void writesWhatTheSortedMapDefinitionWrites() {
        Random random = new Random(20261125);
        for (int n = 0; n < 5_000; n++) {
            Event event = randomEvent(random);
            assertThat(IntelMqJson.toJsonLine(event)).isEqualTo(reference(event));
        }
        assertThat(IntelMqJson.toJsonLine(new Event())).isEqualTo("{}");
    }

    @Test
    void membersLeftOutAndMergedBackGiveTheSameLine() {
        Random random = new Random(20261126);
        EventField[] fields = EventField.values();
        for (int n = 0; n < 5_000; n++) {
            Event event = randomEvent(random);
            long omit = random.nextLong() & ~IntelMqJson.OMIT_OWNER_ID;
            boolean omitOwner = random.nextBoolean();
            StringBuilder data = new StringBuilder();
            IntelMqJson.appendJsonLine(data, event, omit | (omitOwner ? IntelMqJson.OMIT_OWNER_ID : 0));
            String[] values = new String[fields.length];
            for (EventField field : fields) {
                if ((omit & IntelMqJson.omit(field)) != 0) {
                    values[field.ordinal()] = event.get(field);
                }
            }
            long owner = omitOwner ? event.sourceOrganisationId() : Event.NO_OWNER;
            StringBuilder merged = new StringBuilder();
            IntelMqJson.appendMerged(merged, data.toString(), values, owner);
            assertThat(merged.toString()).isEqualTo(IntelMqJson.toJsonLine(event));
        }
    }

    @Test
    void aWholeLineAsDataWinsOverTheColumnsAndComesOutUnchanged() {
        Event event = new Event().set(EventField.SOURCE_IP, "192.0.2.1").set(EventField.SOURCE_PORT, "22")
                .set(EventField.RAW, "x").setExtra("tag", "a, \"b\": {c}").setExtra("json", new TreeMap<>(Map.of()));
        event.setSourceOwner(7, "ip");
        String line = IntelMqJson.toJsonLine(event);
        String[] values = new String[EventField.values().length];
        values[EventField.SOURCE_IP.ordinal()] = "192.0.2.1";
        values[EventField.SOURCE_PORT.ordinal()] = "22";
        StringBuilder merged = new StringBuilder();
        IntelMqJson.appendMerged(merged, line, values, 7);
        assertThat(merged.toString()).isEqualTo(line);
        StringBuilder fromNothing = new StringBuilder();
        IntelMqJson.appendMerged(fromNothing, "{}", values, Event.NO_OWNER);
        assertThat(fromNothing.toString()).isEqualTo("{\"source.ip\": \"192.0.2.1\", \"source.port\": 22}");
    }

    private static Event randomEvent(Random random) {
        Event event = new Event();
        if (random.nextBoolean()) {
            event.set(EventField.SOURCE_IP, "192.0.2." + random.nextInt(255));
        }
        if (random.nextBoolean()) {
            event.set(EventField.SOURCE_PORT, Integer.toString(random.nextInt(65536)));
        }
        if (random.nextBoolean()) {
            event.set(EventField.COMMENT, "a \"comment\"\twith\\ escapes\n\u0002");
        }
        if (random.nextBoolean()) {
            event.set(EventField.FEED_NAME, "feed");
        }
        if (random.nextBoolean()) {
            event.set(EventField.TLP, "AMBER");
        }
        if (random.nextBoolean()) {
            event.set(EventField.RAW, "a,\"line\",ü");
        }
        if (random.nextBoolean()) {
            event.set(EventField.CLASSIFICATION_TYPE, "scanner");
        }
        int extras = random.nextInt(4);
        for (int i = 0; i < extras; i++) {
            event.setExtra(EXTRA_NAMES[random.nextInt(EXTRA_NAMES.length)],
                    EXTRA_VALUES[random.nextInt(EXTRA_VALUES.length)]);
        }
        if (random.nextBoolean()) {
            event.setSourceOwner(random.nextInt(1000), random.nextBoolean() ? "ip" : "asn");
        }
        if (random.nextBoolean()) {
            event.set(EventField.TIME_SOURCE, "2026-11-24 10:00:0" + random.nextInt(10));
        }
        if (random.nextBoolean()) {
            event.set(EventField.SOURCE_ASN, Integer.toString(1 + random.nextInt(70000)));
        }
        return event;
    }

    /** The format's definition: every member in a map sorted by key, then written in order. */
    private static String reference(Event event) {
        Map<String, String> members = new TreeMap<>();
        for (EventField field : EventField.values()) {
            String value = event.get(field);
            if (value == null) {
                continue;
            }
            if (field == EventField.RAW) {
                value = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
            }
            members.put(field.key(), field.numeric() ? value : IntelMqJson.quote(value));
        }
        event.extra().forEach((name, value) -> members.put("extra." + name, value instanceof String text
                ? IntelMqJson.quote(text) : value.toString()));
        if (event.sourceOrganisationId() != Event.NO_OWNER) {
            members.put("extra.source.organisation.id", Long.toString(event.sourceOrganisationId()));
            members.put("extra.source.organisation.matched_by", IntelMqJson.quote(event.sourceOwnerMatchedBy()));
        }
        StringBuilder line = new StringBuilder().append('{');
        members.forEach((key, value) -> line.append(line.length() > 1 ? ", " : "").append(IntelMqJson.quote(key))
                .append(": ").append(value));
        return line.append('}').toString();
    }
}
