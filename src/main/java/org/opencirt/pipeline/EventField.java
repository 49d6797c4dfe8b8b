package org.opencirt.pipeline;

import java.util.HashMap;
import java.util.Map;

/**
 * The harmonised fields of an {@link Event}, named and typed as IntelMQ's harmonisation names them, so that feeds,
 * rules and exports written for IntelMQ read the same here. The order is alphabetical by key, which is also the
 * order of the IntelMQ JSON export. Free-form {@code extra.*} keys are not listed: they live in the event's extra map.
 */
public enum EventField {

    CLASSIFICATION_IDENTIFIER("classification.identifier", FieldType.IDENTIFIER),
    CLASSIFICATION_TAXONOMY("classification.taxonomy", FieldType.TAXONOMY),
    CLASSIFICATION_TYPE("classification.type", FieldType.CLASSIFICATION_TYPE),
    COMMENT("comment", FieldType.TEXT),
    DESTINATION_ACCOUNT("destination.account", FieldType.TEXT),
    DESTINATION_AS_NAME("destination.as_name", FieldType.TEXT),
    DESTINATION_ASN("destination.asn", FieldType.ASN),
    DESTINATION_FQDN("destination.fqdn", FieldType.FQDN),
    DESTINATION_GEOLOCATION_CC("destination.geolocation.cc", FieldType.COUNTRY),
    DESTINATION_GEOLOCATION_CITY("destination.geolocation.city", FieldType.TEXT),
    DESTINATION_GEOLOCATION_REGION("destination.geolocation.region", FieldType.TEXT),
    DESTINATION_IP("destination.ip", FieldType.IP),
    DESTINATION_NETWORK("destination.network", FieldType.NETWORK),
    DESTINATION_PORT("destination.port", FieldType.PORT),
    DESTINATION_REVERSE_DNS("destination.reverse_dns", FieldType.FQDN),
    DESTINATION_URL("destination.url", FieldType.URL),
    EVENT_DESCRIPTION_TEXT("event_description.text", FieldType.TEXT),
    EVENT_DESCRIPTION_URL("event_description.url", FieldType.URL),
    FEED_ACCURACY("feed.accuracy", FieldType.ACCURACY),
    FEED_CODE("feed.code", FieldType.TEXT),
    FEED_DOCUMENTATION("feed.documentation", FieldType.TEXT),
    FEED_NAME("feed.name", FieldType.TEXT),
    FEED_PROVIDER("feed.provider", FieldType.TEXT),
    FEED_URL("feed.url", FieldType.URL),
    MALWARE_HASH_MD5("malware.hash.md5", FieldType.MD5),
    MALWARE_HASH_SHA1("malware.hash.sha1", FieldType.SHA1),
    MALWARE_HASH_SHA256("malware.hash.sha256", FieldType.SHA256),
    MALWARE_NAME("malware.name", FieldType.LOWERCASE),
    MALWARE_VERSION("malware.version", FieldType.TEXT),
    PROTOCOL_APPLICATION("protocol.application", FieldType.LOWERCASE),
    PROTOCOL_TRANSPORT("protocol.transport", FieldType.TRANSPORT),
    RAW("raw", FieldType.RAW),
    SOURCE_ACCOUNT("source.account", FieldType.TEXT),
    SOURCE_AS_NAME("source.as_name", FieldType.TEXT),
    SOURCE_ASN("source.asn", FieldType.ASN),
    SOURCE_FQDN("source.fqdn", FieldType.FQDN),
    SOURCE_GEOLOCATION_CC("source.geolocation.cc", FieldType.COUNTRY),
    SOURCE_GEOLOCATION_CITY("source.geolocation.city", FieldType.TEXT),
    SOURCE_GEOLOCATION_REGION("source.geolocation.region", FieldType.TEXT),
    SOURCE_IP("source.ip", FieldType.IP),
    SOURCE_NETWORK("source.network", FieldType.NETWORK),
    SOURCE_PORT("source.port", FieldType.PORT),
    SOURCE_REVERSE_DNS("source.reverse_dns", FieldType.FQDN),
    SOURCE_URL("source.url", FieldType.URL),
    STATUS("status", FieldType.TEXT),
    TIME_OBSERVATION("time.observation", FieldType.DATETIME),
    TIME_SOURCE("time.source", FieldType.DATETIME),
    TLP("tlp", FieldType.TLP);

    static final int COUNT = values().length;
    private static final EventField[] ALL = values();
    private static final Map<String, EventField> BY_KEY = new HashMap<>();

    static {
        for (EventField field : ALL) {
            BY_KEY.put(field.key, field);
        }
    }

    private final String key;
    private final FieldType type;

    EventField(String key, FieldType type) {
        this.key = key;
        this.type = type;
    }

    /** The IntelMQ key, such as {@code source.ip}. */
    public String key() {
        return key;
    }

    FieldType type() {
        return type;
    }

    /** Whether the JSON export writes the value as a number rather than a string. */
    boolean numeric() {
        return type == FieldType.ASN || type == FieldType.PORT || type == FieldType.ACCURACY;
    }

    /** The field with this IntelMQ key, or null (also for {@code extra.*} keys). */
    public static EventField ofKey(String key) {
        return BY_KEY.get(key);
    }

    static EventField at(int ordinal) {
        return ALL[ordinal];
    }
}
