package org.opencirt.pipeline.internal.parser.jsonlines;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.InvalidValueException;
import org.opencirt.pipeline.internal.parser.LineFeedParser;
import org.opencirt.pipeline.internal.parser.LineHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON object per line with IntelMQ's flat dotted keys, as IntelMQ's file output writes them: events exchanged
 * with CERTs that run IntelMQ, or replayed from an export. {@code raw} is Base64 as in IntelMQ; {@code __type} is
 * ignored; an unknown key other than {@code extra.*} quarantines the line rather than losing the value.
 */
public final class JsonLinesParser extends LineFeedParser {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String EXTRA_PREFIX = "extra.";

    /** @param template constant fields such as {@code feed.name}; values in the lines take precedence */
    public JsonLinesParser(Event template, Clock clock) {
        super(template, clock);
    }

    @Override
    protected LineHandler newHandler() {
        return JsonLinesParser::handle;
    }

    private static boolean handle(String line, Event event) {
        JsonNode object;
        try {
            object = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            String key = member.getKey();
            JsonNode value = member.getValue();
            if (key.equals("__type") || value.isNull()) {
                continue;
            }
            if (key.startsWith(EXTRA_PREFIX)) {
                event.setExtra(key.substring(EXTRA_PREFIX.length()), extraValue(value));
                continue;
            }
            EventField field = EventField.ofKey(key);
            if (field == null) {
                throw new InvalidValueException(key, "is not an IntelMQ field; use extra." + key);
            }
            if (value.isContainer()) {
                throw new InvalidValueException(key, "must be a single value, not " + value);
            }
            String text = value.asString();
            event.set(field, field == EventField.RAW ? decodeRaw(text) : text);
        }
        return true;
    }

    private static Object extraValue(JsonNode value) {
        if (value.isString()) {
            return value.asString();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.isBoolean() ? (Object) value.booleanValue() : value;
    }

    private static String decodeRaw(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("raw", "is not Base64");
        }
    }
}
