package org.opencirt.pipeline.internal.rules;

import java.util.function.LongPredicate;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.InvalidValueException;

/**
 * A field a rule reads, by its IntelMQ name: a harmonised field ({@code source.ip}), an {@code extra.*} value, or the
 * owner found by enrichment ({@code source.organisation.id}, {@code source.organisation.matched_by},
 * {@code source.organisation.critical}: whether its sector is critical infrastructure; also accepted
 * with the {@code extra.} prefix the IntelMQ export gives them).
 */
public final class RuleField {

    private static final String OWNER_ID = "source.organisation.id";
    private static final String OWNER_MATCHED_BY = "source.organisation.matched_by";
    /** Whether the owner is in a critical infrastructure sector: {@code true} or {@code false}, none without owner. */
    private static final String OWNER_CRITICAL = "source.organisation.critical";

    private final String name;
    private final EventField field;
    private final String extra;
    private final LongPredicate critical;

    private RuleField(String name, EventField field, String extra, LongPredicate critical) {
        this.name = name;
        this.field = field;
        this.extra = extra;
        this.critical = critical;
    }

    /** This field reading owner facts (critical infrastructure) from {@code critical}, for a run. */
    RuleField withOwnerFacts(LongPredicate ownerIsCritical) {
        return new RuleField(name, field, extra, ownerIsCritical);
    }

    /**
     * The field with this name.
     *
     * @throws IllegalArgumentException for a name that is none of the above
     */
    public static RuleField of(String name) {
        String key = name == null ? "" : name.strip();
        if (key.equals("extra." + OWNER_ID)) {
            key = OWNER_ID;
        } else if (key.equals("extra." + OWNER_MATCHED_BY)) {
            key = OWNER_MATCHED_BY;
        } else if (key.equals("extra." + OWNER_CRITICAL)) {
            key = OWNER_CRITICAL;
        }
        EventField field = EventField.ofKey(key);
        if (field != null || key.equals(OWNER_ID) || key.equals(OWNER_MATCHED_BY) || key.equals(OWNER_CRITICAL)) {
            return new RuleField(key, field, null, id -> false);
        }
        if (key.startsWith("extra.") && key.length() > "extra.".length()) {
            return new RuleField(key, null, key.substring("extra.".length()), id -> false);
        }
        throw new IllegalArgumentException("unknown field '" + name + "': use an IntelMQ field name, extra.<name> or "
                + OWNER_ID);
    }

    public String name() {
        return name;
    }

    /** Whether the field holds an IP address (so that a network condition applies). */
    boolean isIp() {
        return field == EventField.SOURCE_IP || field == EventField.DESTINATION_IP;
    }

    boolean isSourceIp() {
        return field == EventField.SOURCE_IP;
    }

    /** The event's value as canonical text, or null when it has none. */
    public String value(Event event) {
        if (field != null) {
            return event.get(field);
        }
        if (extra != null) {
            Object value = event.extra().get(extra);
            return value == null ? null : value.toString();
        }
        if (name.equals(OWNER_ID)) {
            return event.sourceOrganisationId() == Event.NO_OWNER ? null : Long.toString(event.sourceOrganisationId());
        }
        if (name.equals(OWNER_CRITICAL)) {
            return event.sourceOrganisationId() == Event.NO_OWNER ? null
                    : Boolean.toString(critical.test(event.sourceOrganisationId()));
        }
        return event.sourceOwnerMatchedBy();
    }

    /**
     * A value as the field stores it (so that {@code TCP} matches {@code tcp} and {@code 2001:DB8::1} its canonical
     * form).
     *
     * @throws IllegalArgumentException saying why the value does not fit the field
     */
    String canonical(String value) {
        if (field != null) {
            try {
                return new Event().set(field, value).get(field);
            } catch (InvalidValueException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        if (name.equals(OWNER_CRITICAL) && !value.strip().matches("true|false")) {
            throw new IllegalArgumentException("'" + value + "' is not true or false");
        }
        if (name.equals(OWNER_ID) && !value.strip().matches("\\d{1,18}")) {
            throw new IllegalArgumentException("'" + value + "' is not an organisation id");
        }
        return value.strip();
    }
}
