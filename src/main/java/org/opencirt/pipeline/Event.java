package org.opencirt.pipeline;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One harmonised machine event (IntelMQ's field names and meanings), built by a parser and enriched by later stages.
 * Values are kept as canonical text in an array indexed by {@link EventField}, so that the millions of events a day
 * cost no map per event; only free-form {@code extra.*} keys use a map, created when the first one is set.
 *
 * <p>Enrichment adds the owner of the source, which IntelMQ has no field for: {@code source.organisation.id} (the
 * constituency organisation id, {@link #NO_OWNER} when the source is outside the constituency) and
 * {@code source.organisation.matched_by} (ip, asn or fqdn). The IntelMQ export writes them as
 * {@code extra.source.organisation.id} and {@code extra.source.organisation.matched_by}.
 *
 * <p>Not thread-safe: a stage owns the events of a batch while it processes them.
 */
public final class Event {

    /** The source organisation id of an event whose source nobody in the constituency owns (or not looked up). */
    public static final long NO_OWNER = -1;

    private final String[] values;
    private Map<String, Object> extra;
    private long sourceIPv4 = FieldValues.INVALID_IPV4;
    private long sourceOrganisationId = NO_OWNER;
    private String sourceOwnerMatchedBy;
    private boolean rawIsInputLine;

    public Event() {
        values = new String[EventField.COUNT];
    }

    private Event(Event template) {
        values = template.values.clone();
        extra = template.extra == null ? null : new TreeMap<>(template.extra);
        sourceIPv4 = template.sourceIPv4;
        sourceOrganisationId = template.sourceOrganisationId;
        sourceOwnerMatchedBy = template.sourceOwnerMatchedBy;
        rawIsInputLine = template.rawIsInputLine;
    }

    /** A copy, for example of a template holding a feed's constant fields. */
    public Event copy() {
        return new Event(this);
    }

    /**
     * Validates, normalises and sets a field. As in IntelMQ, a null or blank value is ignored (the field keeps its
     * value). Setting {@code classification.type} also sets {@code classification.taxonomy} from the RSIT table.
     *
     * @throws InvalidValueException naming the field and what was expected
     */
    public Event set(EventField field, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        String canonical;
        try {
            canonical = field.type().normalise(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field.key(), e.getMessage());
        }
        values[field.ordinal()] = canonical;
        if (field == EventField.RAW) {
            rawIsInputLine = false;
        } else if (field == EventField.SOURCE_IP) {
            sourceIPv4 = FieldValues.parseIPv4(canonical);
        } else if (field == EventField.CLASSIFICATION_TYPE) {
            values[EventField.CLASSIFICATION_TAXONOMY.ordinal()] = Classifications.resolve(canonical).taxonomy();
        }
        return this;
    }

    /**
     * Sets {@code raw} to the input line this event was parsed from, unchanged: the line of the stored input file at
     * the event's line number, as a line-based parser reads it. The store then keeps only the line number and reads
     * the line back from the stored input when it writes the event out (ADR 0010).
     */
    public Event setRawLine(String line) {
        values[EventField.RAW.ordinal()] = line;
        rawIsInputLine = line != null;
        return this;
    }

    /** Whether {@code raw} is the event's input line as given to {@link #setRawLine}. */
    public boolean rawIsInputLine() {
        return rawIsInputLine;
    }

    /** The canonical value of a field, or null when it is not set. */
    public String get(EventField field) {
        return values[field.ordinal()];
    }

    /** Whether the field is set. */
    public boolean has(EventField field) {
        return values[field.ordinal()] != null;
    }

    /**
     * Sets {@code extra.<name>} to a string, number, boolean or JSON value; null or blank strings are ignored.
     *
     * @param name the part after {@code extra.}
     */
    public Event setExtra(String name, Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            return this;
        }
        if (extra == null) {
            extra = new TreeMap<>();
        }
        extra.put(name, value);
        return this;
    }

    /** The {@code extra.*} values by name (without the {@code extra.} prefix), sorted; read-only. */
    public Map<String, Object> extra() {
        return extra == null ? Map.of() : Collections.unmodifiableMap(extra);
    }

    /** Whether {@code source.ip} is an IPv4 address, whose bits {@link #sourceIPv4()} then gives. */
    public boolean hasSourceIPv4() {
        return sourceIPv4 != FieldValues.INVALID_IPV4;
    }

    /** The 32 bits of an IPv4 {@code source.ip}; only meaningful when {@link #hasSourceIPv4()}. */
    public int sourceIPv4() {
        return (int) sourceIPv4;
    }

    /** {@code source.asn} as a number, or 0 when it is not set. */
    public long sourceAsn() {
        String asn = values[EventField.SOURCE_ASN.ordinal()];
        return asn == null ? 0 : FieldValues.parseDecimal(asn, 10);
    }

    /** Records the owner found by enrichment; {@link #NO_OWNER} with a null method when none was found. */
    public void setSourceOwner(long organisationId, String matchedBy) {
        sourceOrganisationId = organisationId;
        sourceOwnerMatchedBy = matchedBy;
    }

    /** {@code source.organisation.id}: the owning organisation's id, or {@link #NO_OWNER}. */
    public long sourceOrganisationId() {
        return sourceOrganisationId;
    }

    /** {@code source.organisation.matched_by}: ip, asn or fqdn, or null when no owner was found. */
    public String sourceOwnerMatchedBy() {
        return sourceOwnerMatchedBy;
    }

    /** The RSIT classification, or null when no type is set. */
    public Classification classification() {
        String type = get(EventField.CLASSIFICATION_TYPE);
        return type == null ? null : Classifications.resolve(type);
    }

    /** Fields set, in {@link EventField} order; for export and tests. */
    String[] valuesView() {
        return values;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Event[");
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && i != EventField.RAW.ordinal()) {
                text.append(EventField.at(i).key()).append('=').append(values[i]).append(", ");
            }
        }
        return text.append("extra=").append(extra == null ? "{}" : extra).append(']').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Event event && Arrays.equals(values, event.values)
                && extra().equals(event.extra()) && sourceOrganisationId == event.sourceOrganisationId;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
