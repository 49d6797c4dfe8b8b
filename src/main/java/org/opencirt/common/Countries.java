package org.opencirt.common;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes, so that every feature rejects the same unknown countries. */
public final class Countries {

    private static final Set<String> CODES = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));
    /** User-assigned codes usable for fictional or exercise countries (ISO 3166 reserves XA-XZ for users). */
    private static final String USER_ASSIGNED_PREFIX = "X";

    private Countries() {
    }

    /** Upper-cases and checks a code; returns null for unknown or malformed codes. */
    public static String normalise(String code) {
        if (code == null) {
            return null;
        }
        String upper = code.trim().toUpperCase(Locale.ROOT);
        if (upper.length() != 2) {
            return null;
        }
        if (CODES.contains(upper) || (upper.startsWith(USER_ASSIGNED_PREFIX) && Character.isLetter(upper.charAt(1)))) {
            return upper;
        }
        return null;
    }

    public static boolean isKnown(String code) {
        return normalise(code) != null;
    }
}
