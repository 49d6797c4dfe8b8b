package org.opencirt.common;

/** Input tidying every feature does the same way: trimmed text, and blank meaning “not given”. */
public final class Texts {

    private Texts() {
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The text cut to at most {@code max} characters, for columns of limited size; null stays null. */
    public static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
