package org.opencirt.common;

/** Input tidying every feature does the same way: trimmed text, and blank meaning “not given”. */
public final class Texts {

    private Texts() {
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
