package org.opencirt.constituency;

import java.net.IDN;
import java.util.Locale;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import org.opencirt.constituency.internal.lookup.IpText;

/**
 * Validates user input for network assets and turns it into the one canonical text that is stored, compared and
 * indexed, so that {@code AS64500} and {@code 64500}, or {@code Bank.Example.} and {@code bank.example}, are the same
 * asset. Every method throws {@link IllegalArgumentException} with a message fit to show to the user.
 */
public final class AssetValues {

    private static final long MAX_ASN = 0xFFFF_FFFFL;
    private static final int MAX_DOMAIN_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private AssetValues() {
    }

    /** The canonical text of a value of the given kind. */
    public static String canonical(AssetKind kind, String value) {
        return switch (kind) {
            case CIDR -> canonicalCidr(value);
            case ASN -> canonicalAsn(value);
            case DOMAIN -> canonicalDomain(value);
        };
    }

    /**
     * An IPv4 or IPv6 prefix as {@code 192.0.2.0/24} or {@code 2001:db8::/32}; a bare address becomes /32 or /128.
     * A prefix with host bits set is rejected rather than silently widened or narrowed, since either guess could make
     * the wrong organisation responsible.
     */
    public static String canonicalCidr(String value) {
        String text = requireText(value, "CIDR range");
        int slash = text.indexOf('/');
        boolean ipv6 = text.indexOf(':') >= 0;
        if (slash >= 0 && IpText.parsePrefixLength(text, slash + 1, ipv6 ? 128 : 32) < 0) {
            throw new IllegalArgumentException("'" + text + "' has an invalid prefix length: expected /0 to "
                    + (ipv6 ? "/128 for IPv6" : "/32 for IPv4") + ", without leading zeros");
        }
        IPAddress address;
        try {
            address = new IPAddressString(text, IpText.STRICT).toAddress();
        } catch (AddressStringException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range such as "
                    + "192.0.2.0/24 or 2001:db8::/32", e);
        }
        if (address.getNetworkPrefixLength() == null) {
            return address.toCanonicalString() + '/' + address.getBitCount();
        }
        IPAddress block = address.toPrefixBlock();
        if (!address.getLower().withoutPrefixLength().equals(block.getLower().withoutPrefixLength())) {
            throw new IllegalArgumentException(text + " has host bits set; did you mean "
                    + block.toCanonicalString() + "?");
        }
        return block.toCanonicalString();
    }

    /** An AS number as plain decimal digits: {@code AS64500}, {@code as64500}, {@code 64500} and asdot {@code 0.64500} all give {@code 64500}. */
    public static String canonicalAsn(String value) {
        return Long.toString(parseAsn(value));
    }

    /**
     * The number of an AS given as {@code 64500}, {@code AS64500} (any case) or asdot {@code 1.10} (65,546).
     *
     * @return a value in 1..4294967295
     */
    public static long parseAsn(String value) {
        String text = requireText(value, "AS number");
        String digits = text.regionMatches(true, 0, "AS", 0, 2) ? text.substring(2) : text;
        int dot = digits.indexOf('.');
        long asn = dot < 0
                ? parseDecimal(digits, MAX_ASN, text)
                : parseDecimal(digits.substring(0, dot), 0xFFFF, text) << 16
                        | parseDecimal(digits.substring(dot + 1), 0xFFFF, text);
        if (asn == 0) {
            throw new IllegalArgumentException("AS number " + text + " is reserved; expected 1 to " + MAX_ASN);
        }
        return asn;
    }

    private static long parseDecimal(String digits, long max, String input) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + input + "' is not an AS number such as 64500 or AS64500");
        }
        long number = Long.parseLong(digits);
        if (number > max) {
            throw new IllegalArgumentException("AS number " + input + " is out of range; expected 1 to " + MAX_ASN
                    + " (or asdot 0.1 to 65535.65535)");
        }
        return number;
    }

    /**
     * A domain name in lower case, internationalised labels in punycode ({@code Bücher.Example.} gives
     * {@code xn--bcher-kva.example}), without trailing dot. Underscores are accepted, as DNS allows them and
     * malicious hosts use them.
     */
    public static String canonicalDomain(String value) {
        String text = requireText(value, "domain");
        if (text.contains("/") || text.contains("@") || text.contains(":")) {
            throw new IllegalArgumentException("'" + text + "' is not a domain name; for a URL or an e-mail address "
                    + "give only the part after // or @");
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        String ascii;
        try {
            ascii = IDN.toASCII(name).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid domain name: " + e.getMessage(), e);
        }
        validateLabels(ascii, text);
        return ascii;
    }

    private static void validateLabels(String name, String input) {
        if (name.isEmpty() || name.length() > MAX_DOMAIN_LENGTH) {
            throw new IllegalArgumentException("'" + input + "' is not a valid domain name: it must have 1 to "
                    + MAX_DOMAIN_LENGTH + " characters");
        }
        int start = 0;
        boolean lastLabelNumeric = true;
        while (start <= name.length()) {
            int end = name.indexOf('.', start);
            if (end < 0) {
                end = name.length();
            }
            lastLabelNumeric = validateLabel(name, start, end, input);
            start = end + 1;
        }
        if (lastLabelNumeric) {
            throw new IllegalArgumentException("'" + input + "' looks like an IP address, not a domain name; "
                    + "give it as a CIDR range");
        }
    }

    /** @return whether the label is all digits */
    private static boolean validateLabel(String name, int start, int end, String input) {
        if (end == start || end - start > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("'" + input + "' is not a valid domain name: each label between dots "
                    + "must have 1 to " + MAX_LABEL_LENGTH + " characters");
        }
        if (name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
            throw new IllegalArgumentException("'" + input + "' is not a valid domain name: a label cannot start or "
                    + "end with a hyphen");
        }
        boolean numeric = true;
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit && !(c >= 'a' && c <= 'z') && c != '-' && c != '_') {
                throw new IllegalArgumentException("'" + input + "' is not a valid domain name: '" + c
                        + "' is not allowed");
            }
            numeric &= digit;
        }
        return numeric;
    }

    /**
     * The host of a URL, which is what a URL is looked up by: a canonical domain, or for an IP literal the canonical
     * address ({@code http://[2001:DB8::1]:8080/} gives {@code 2001:db8::1}). The scheme may be missing, user
     * information and port are dropped, and IPv4 hosts are read as browsers read them ({@code http://0x7f.1/} is
     * {@code 127.0.0.1}).
     */
    public static String hostOfUrl(String url) {
        String text = requireText(url, "URL");
        int schemeEnd = text.indexOf("://");
        String rest = schemeEnd >= 0 ? text.substring(schemeEnd + 3) : text.startsWith("//") ? text.substring(2) : text;
        int authorityEnd = rest.length();
        for (char delimiter : new char[] {'/', '?', '#', '\\'}) {
            int at = rest.indexOf(delimiter);
            if (at >= 0 && at < authorityEnd) {
                authorityEnd = at;
            }
        }
        String hostAndPort = rest.substring(rest.lastIndexOf('@', authorityEnd - 1) + 1, authorityEnd);
        String host;
        String port;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' has an IPv6 host without closing ']'");
            }
            host = hostAndPort.substring(1, close);
            port = hostAndPort.substring(close + 1);
        } else {
            int colon = hostAndPort.indexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
            port = colon < 0 ? "" : hostAndPort.substring(colon);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        if (!port.isEmpty() && !port.matches(":[0-9]{0,5}")) {
            throw new IllegalArgumentException("'" + text + "' has an invalid port '" + port.substring(1) + "'");
        }
        return hostAndPort.startsWith("[") ? canonicalIpLiteral(host, text) : canonicalHost(host, text);
    }

    /**
     * The domain of an e-mail address, which is what an address is looked up by ({@code Alice@Bank.Example} gives
     * {@code bank.example}); for an address literal such as {@code user@[192.0.2.1]} the canonical IP address.
     */
    public static String domainOfEmail(String email) {
        String text = requireText(email, "e-mail address");
        if (text.endsWith(">") && text.indexOf('<') >= 0) {
            text = text.substring(text.lastIndexOf('<') + 1, text.length() - 1).trim();
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("'" + email.trim() + "' is not an e-mail address such as "
                    + "alice@bank.example");
        }
        String domain = text.substring(at + 1);
        if (domain.startsWith("[") && domain.endsWith("]")) {
            String literal = domain.substring(1, domain.length() - 1);
            return canonicalIpLiteral(literal.regionMatches(true, 0, "IPv6:", 0, 5) ? literal.substring(5) : literal,
                    email.trim());
        }
        return canonicalDomain(domain);
    }

    private static String canonicalHost(String host, String input) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String lastLabel = name.substring(name.lastIndexOf('.') + 1);
        boolean looksLikeIPv4 = !lastLabel.isEmpty()
                && (lastLabel.chars().allMatch(c -> c >= '0' && c <= '9') || lastLabel.matches("0[xX][0-9a-fA-F]*"));
        if (!looksLikeIPv4) {
            return canonicalDomain(host);
        }
        IPAddress address = new IPAddressString(name, IpText.URL_HOST_IPV4).getAddress();
        if (address == null) {
            throw new IllegalArgumentException("'" + input + "' has a host '" + host
                    + "' that is neither a domain name nor an IPv4 address");
        }
        return address.toCanonicalString();
    }

    private static String canonicalIpLiteral(String literal, String input) {
        IPAddress address = IpText.parseOrNull(literal);
        if (address == null || address.getNetworkPrefixLength() != null) {
            throw new IllegalArgumentException("'" + input + "' has an invalid IP address literal '" + literal + "'");
        }
        return address.toCanonicalString();
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + what + " is empty");
        }
        return value.strip();
    }
}
