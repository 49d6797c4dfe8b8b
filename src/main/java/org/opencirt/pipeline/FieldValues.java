package org.opencirt.pipeline;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;

import org.opencirt.common.Countries;
import org.opencirt.constituency.AssetValues;

/**
 * Validation and normalisation of field values, each throwing {@link IllegalArgumentException} with a message that
 * says what was expected. The common cases (dotted quads, decimal ports and ASNs, lower-case host names, Shadowserver
 * time stamps) are checked by hand and return the input string itself when it is already canonical, so that the hot
 * path allocates nothing; rarer forms go through the constituency's {@link AssetValues}, which owns the canonical
 * forms of addresses, networks, AS numbers and domains.
 */
final class FieldValues {

    static final long INVALID_IPV4 = -1;
    private static final long MAX_ASN = 0xFFFF_FFFFL;
    private static final Set<String> TRANSPORTS =
            Set.of("tcp", "udp", "icmp", "sctp", "ip", "ipv6", "ipv6-icmp", "gre", "esp", "ah", "igmp");
    private static final Set<String> TLPS = Set.of("CLEAR", "WHITE", "GREEN", "AMBER", "AMBER+STRICT", "RED");
    private static final String UTC_SUFFIX = "+00:00";

    private FieldValues() {
    }

    /** A dotted quad without leading zeros as its 32 bits (in the low half), or {@link #INVALID_IPV4}. */
    static long parseIPv4(String text) {
        int length = text.length();
        if (length < 7 || length > 15) {
            return INVALID_IPV4;
        }
        long address = 0;
        int octets = 0;
        int i = 0;
        while (i < length) {
            int start = i;
            int octet = 0;
            while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                octet = octet * 10 + text.charAt(i) - '0';
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || octet > 255 || digits > 1 && text.charAt(start) == '0') {
                return INVALID_IPV4;
            }
            address = address << 8 | octet;
            octets++;
            if (i < length) {
                if (text.charAt(i) != '.' || octets == 4) {
                    return INVALID_IPV4;
                }
                i++;
                if (i == length) {
                    return INVALID_IPV4;
                }
            }
        }
        return octets == 4 ? address : INVALID_IPV4;
    }

    static String ip(String value) {
        String text = value.strip();
        if (parseIPv4(text) != INVALID_IPV4) {
            return text;
        }
        if (text.indexOf('/') < 0 && text.indexOf(':') >= 0) {
            try {
                String cidr = AssetValues.canonicalCidr(text);
                return cidr.substring(0, cidr.indexOf('/'));
            } catch (IllegalArgumentException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an IP address such as 192.0.2.1 or 2001:db8::1");
    }

    static String network(String value) {
        return AssetValues.canonicalCidr(value);
    }

    static String port(String value) {
        String text = value.strip();
        long port = parseDecimal(text, 5);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("'" + text + "' is not a port number (0 to 65535)");
        }
        return text.length() == 1 || text.charAt(0) != '0' ? text : Long.toString(port);
    }

    static String asn(String value) {
        String text = value.strip();
        long asn = parseDecimal(text, 10);
        if (asn < 0) {
            return AssetValues.canonicalAsn(text);
        }
        if (asn == 0 || asn > MAX_ASN) {
            throw new IllegalArgumentException("'" + text + "' is not an AS number (1 to " + MAX_ASN + ")");
        }
        return text.charAt(0) != '0' ? text : Long.toString(asn);
    }

    /** Decimal digits only, at most maxDigits of them, else -1. */
    static long parseDecimal(String text, int maxDigits) {
        int length = text.length();
        if (length == 0 || length > maxDigits) {
            return -1;
        }
        long number = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + c - '0';
        }
        return number;
    }

    static String fqdn(String value) {
        String text = value.strip();
        return isCanonicalHostName(text) ? text : AssetValues.canonicalDomain(text);
    }

    /** Lower-case ASCII labels of 1 to 63 letters, digits, hyphens and underscores; the last label not all digits. */
    private static boolean isCanonicalHostName(String text) {
        int length = text.length();
        if (length == 0 || length > 253) {
            return false;
        }
        int labelStart = 0;
        boolean numeric = true;
        for (int i = 0; i <= length; i++) {
            char c = i == length ? '.' : text.charAt(i);
            if (c == '.') {
                int labelLength = i - labelStart;
                if (labelLength == 0 || labelLength > 63 || text.charAt(labelStart) == '-'
                        || text.charAt(i - 1) == '-') {
                    return false;
                }
                if (i < length) {
                    numeric = true;
                }
                labelStart = i + 1;
            } else if (c >= '0' && c <= '9') {
                continue;
            } else if (c >= 'a' && c <= 'z' || c == '-' || c == '_') {
                numeric = false;
            } else {
                return false;
            }
        }
        return !numeric;
    }

    /**
     * An absolute URL with a scheme and a valid host; {@code hxxp} and {@code hxxps} (defanged) become {@code http}
     * and {@code https}, the scheme is lower-cased, the rest is kept as given.
     */
    static String url(String value) {
        String text = value.strip();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not an absolute URL such as http://host.example/path");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) <= ' ') {
                throw new IllegalArgumentException("'" + text + "' contains white space or control characters");
            }
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!(c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'))) {
                throw new IllegalArgumentException("'" + text + "' has an invalid scheme '" + scheme + "'");
            }
        }
        scheme = switch (scheme) {
            case "hxxp" -> "http";
            case "hxxps" -> "https";
            default -> scheme;
        };
        AssetValues.hostOfUrl(text);
        return text.startsWith(scheme) ? text : scheme + text.substring(schemeEnd);
    }

    /**
     * An instant as ISO-8601 in UTC, as IntelMQ writes it ({@code 2026-11-24T10:00:00+00:00}, with microseconds when
     * there are any). Accepts {@code 2026-11-24 10:00:00} and the {@code T} form, with fractions, {@code Z}, offsets
     * or {@code UTC}; no offset means UTC, as feeds report in UTC. Also a date alone, and Unix seconds.
     */
    static String dateTime(String value) {
        String text = value.strip();
        String fast = utcDateTimeFastPath(text);
        if (fast != null) {
            return fast;
        }
        try {
            return format(parseInstant(text).atOffset(ZoneOffset.UTC));
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date and time such as 2026-11-24 10:00:00 or "
                    + "2026-11-24T10:00:00+01:00");
        }
    }

    private static Instant parseInstant(String text) {
        long seconds = parseDecimal(text, 10);
        if (seconds >= 0 && text.length() >= 9) {
            return Instant.ofEpochSecond(seconds);
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        String iso = (text.endsWith(" UTC") ? text.substring(0, text.length() - 4) + 'Z' : text)
                .replace(" +", "+").replace(" -", "-").replace(' ', 'T');
        if (iso.length() > 19 && (iso.endsWith("Z") || iso.charAt(iso.length() - 3) == ':'
                || iso.charAt(iso.length() - 5) == '+' || iso.charAt(iso.length() - 5) == '-')) {
            if (iso.charAt(iso.length() - 5) == '+' || iso.charAt(iso.length() - 5) == '-') {
                iso = iso.substring(0, iso.length() - 2) + ':' + iso.substring(iso.length() - 2);
            }
            return OffsetDateTime.parse(iso).toInstant();
        }
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }

    private static String format(OffsetDateTime time) {
        StringBuilder text = new StringBuilder(32);
        text.append(time.toLocalDateTime().withNano(0));
        if (time.getSecond() == 0 && text.length() == 16) {
            text.append(":00");
        }
        int micros = time.getNano() / 1000;
        if (micros > 0) {
            String digits = Integer.toString(micros);
            text.append('.').append("000000", digits.length(), 6).append(digits);
        }
        return text.append(UTC_SUFFIX).toString();
    }

    /** {@code yyyy-mm-dd[ T]hh:mm:ss[.fraction][Z|+00:00| UTC]} in UTC; null for anything else. */
    private static String utcDateTimeFastPath(String text) {
        int length = text.length();
        if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || text.charAt(10) != ' ' && text.charAt(10) != 'T') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int end = 19;
        int fractionEnd = end;
        boolean fractionNonZero = false;
        if (end < length && text.charAt(end) == '.') {
            fractionEnd = end + 1;
            while (fractionEnd < length && text.charAt(fractionEnd) >= '0' && text.charAt(fractionEnd) <= '9') {
                fractionNonZero |= text.charAt(fractionEnd) != '0';
                fractionEnd++;
            }
            if (fractionEnd == end + 1 || fractionEnd - end - 1 > 9) {
                return null;
            }
        }
        String zone = text.substring(fractionEnd);
        if (!(zone.isEmpty() || zone.equals("Z") || zone.equals(UTC_SUFFIX) || zone.equals("+0000")
                || zone.equals(" UTC") || zone.equals("+00"))) {
            return null;
        }
        if (length == 25 && text.charAt(10) == 'T' && zone.equals(UTC_SUFFIX)) {
            return text;
        }
        char[] out = new char[fractionNonZero ? 32 : 25];
        text.getChars(0, 19, out, 0);
        out[10] = 'T';
        int at = 19;
        if (fractionNonZero) {
            out[at++] = '.';
            for (int i = 0; i < 6; i++) {
                int from = end + 1 + i;
                out[at++] = from < fractionEnd ? text.charAt(from) : '0';
            }
        }
        UTC_SUFFIX.getChars(0, UTC_SUFFIX.length(), out, at);
        return new String(out);
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    private static int digits(String text, int from, int count) {
        int number = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Integer.MIN_VALUE;
            }
            number = number * 10 + c - '0';
        }
        return number;
    }

    static String country(String value) {
        String code = Countries.normalise(value);
        if (code == null) {
            throw new IllegalArgumentException("'" + value.strip() + "' is not an ISO 3166-1 alpha-2 country code");
        }
        return code;
    }

    static String accuracy(String value) {
        String text = value.strip();
        double accuracy;
        try {
            accuracy = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            accuracy = Double.NaN;
        }
        if (!(accuracy >= 0 && accuracy <= 100)) {
            throw new IllegalArgumentException("'" + text + "' is not an accuracy between 0 and 100");
        }
        return Double.toString(accuracy);
    }

    static String transport(String value) {
        String text = lowercase(value);
        if (!TRANSPORTS.contains(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a transport protocol; expected one of "
                    + String.join(", ", TRANSPORTS.stream().sorted().toList()));
        }
        return text;
    }

    static String lowercase(String value) {
        return text(value).toLowerCase(Locale.ROOT);
    }

    static String text(String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        return text;
    }

    static String hex(String value, int length, String what) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        boolean valid = text.length() == length;
        for (int i = 0; valid && i < length; i++) {
            char c = text.charAt(i);
            valid = c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
        }
        if (!valid) {
            throw new IllegalArgumentException("'" + value.strip() + "' is not " + what + " (" + length
                    + " hexadecimal digits)");
        }
        return text;
    }

    static String tlp(String value) {
        String text = value.strip().toUpperCase(Locale.ROOT);
        String level = text.startsWith("TLP:") ? text.substring(4).strip() : text;
        if (!TLPS.contains(level)) {
            throw new IllegalArgumentException("'" + value.strip() + "' is not a TLP level; expected CLEAR (or WHITE),"
                    + " GREEN, AMBER, AMBER+STRICT or RED");
        }
        return level;
    }

    static String taxonomy(String value) {
        String text = lowercase(value);
        if (!Classifications.isTaxonomy(text)) {
            throw new IllegalArgumentException("'" + text + "' is not an RSIT taxonomy; expected one of "
                    + String.join(", ", Classifications.taxonomies()));
        }
        return text;
    }

    static String classificationType(String value) {
        Classification classification = Classifications.resolve(value);
        if (classification == null) {
            throw new IllegalArgumentException("'" + value.strip() + "' is not an RSIT or IntelMQ classification type");
        }
        return classification.type();
    }
}
