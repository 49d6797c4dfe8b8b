package org.opencirt.common;

import java.util.Locale;

/**
 * Traffic Light Protocol 2.0 labels, ordered from most to least shareable, so that every path out can compare a
 * record's label with what a recipient may receive. TLP:WHITE (1.0) is read as CLEAR.
 */
public enum Tlp {
    CLEAR("TLP:CLEAR"),
    GREEN("TLP:GREEN"),
    AMBER("TLP:AMBER"),
    AMBER_STRICT("TLP:AMBER+STRICT"),
    RED("TLP:RED");

    private final String label;

    Tlp(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether this label is at least as restrictive as {@code other}. */
    public boolean atLeast(Tlp other) {
        return ordinal() >= other.ordinal();
    }

    /** Reads CLEAR, TLP:AMBER+STRICT, amber_strict, WHITE...; null for null or blank. */
    public static Tlp parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip().toUpperCase(Locale.ROOT);
        if (value.startsWith("TLP:")) {
            value = value.substring(4);
        }
        value = value.replace('+', '_').replace('-', '_').replace(' ', '_');
        if (value.equals("WHITE")) {
            return CLEAR;
        }
        for (Tlp tlp : values()) {
            if (tlp.name().equals(value)) {
                return tlp;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a TLP 2.0 label (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)");
    }
}
