package org.opencirt.constituency.internal.lookup;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * IP address text to bits and back, in one place so that the index and {@link org.opencirt.constituency.AssetValues}
 * agree on what an address is: a strict hand-written dotted-quad parser (loading a million prefixes must be fast) and
 * the ipaddress library, configured just as strictly, for IPv6 and for validation with messages.
 */
public final class IpText {

    /**
     * Plain addresses and CIDR prefixes only: four decimal IPv4 octets without leading zeros, IPv6 without zone, no
     * masks, ranges, wildcards or inet_aton shorthand.
     */
    public static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE)
            .getIPv4AddressParametersBuilder().allowLeadingZeros(false).allow_inet_aton(false).getParentBuilder()
            .getIPv6AddressParametersBuilder().allowZone(false).getParentBuilder()
            .toParams();

    /**
     * IPv4 as a browser reads a URL host (WHATWG URL standard): inet_aton forms such as {@code 0x7f.1} or
     * {@code 3232235777} are addresses, which is how phishing URLs hide them.
     */
    public static final IPAddressStringParameters URL_HOST_IPV4 = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowMask(false)
            .allowPrefix(false)
            .allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .allowIPv6(false)
            .setRangeOptions(RangeParameters.NO_RANGE)
            .getIPv4AddressParametersBuilder().allow_inet_aton(true).getParentBuilder()
            .toParams();

    /** Returned by the parsers below for text that is not what they parse. */
    public static final long INVALID = -1L;

    private IpText() {
    }

    /**
     * Parses a strict dotted quad ({@code 192.0.2.1}: four octets 0-255, no leading zeros, nothing else) in
     * {@code text[from, to)} without allocating.
     *
     * @return the address as an unsigned value in the low 32 bits, or {@link #INVALID}
     */
    public static long parseIPv4(CharSequence text, int from, int to) {
        int length = to - from;
        if (length < 7 || length > 15) {
            return INVALID;
        }
        int address = 0;
        int octet = 0;
        int digits = 0;
        int dots = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && octet == 0) {
                    return INVALID;
                }
                octet = octet * 10 + (c - '0');
                if (octet > 255) {
                    return INVALID;
                }
                digits++;
            } else if (c == '.' && digits > 0 && dots < 3) {
                address = address << 8 | octet;
                octet = 0;
                digits = 0;
                dots++;
            } else {
                return INVALID;
            }
        }
        if (digits == 0 || dots != 3) {
            return INVALID;
        }
        return (address << 8 | octet) & 0xFFFF_FFFFL;
    }

    /**
     * Parses a strict IPv4 CIDR ({@code 192.0.2.0/24}; a bare address means /32). Host bits are returned as written:
     * masking or rejecting them is the caller's choice.
     *
     * @return the address in the low 32 bits and the prefix length in bits 32-37, or {@link #INVALID}
     */
    public static long parseIPv4Cidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            long address = parseIPv4(text, 0, text.length());
            return address == INVALID ? INVALID : address | 32L << 32;
        }
        int prefixLength = parsePrefixLength(text, slash + 1, 32);
        long address = parseIPv4(text, 0, slash);
        return address == INVALID || prefixLength < 0 ? INVALID : address | (long) prefixLength << 32;
    }

    /**
     * Parses the decimal prefix length from {@code from} to the end of {@code text}: no sign, no leading zero, at most {@code max}.
     *
     * @return the length, or -1
     */
    public static int parsePrefixLength(String text, int from, int max) {
        int length = text.length() - from;
        if (length < 1 || length > 3 || length > 1 && text.charAt(from) == '0') {
            return -1;
        }
        int value = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }

    /** The mask of the network bits of an IPv4 prefix of this length (0 for /0). */
    public static int ipv4Mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** Formats an IPv4 prefix as {@code a.b.c.d/n}. */
    public static String formatIPv4Cidr(int address, int prefixLength) {
        return formatIPv4(address) + '/' + prefixLength;
    }

    /** Formats an IPv4 address as a dotted quad. */
    public static String formatIPv4(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + '.' + (address >>> 8 & 0xFF) + '.' + (address & 0xFF);
    }

    /**
     * Parses an address or prefix with {@link #STRICT}.
     *
     * @return the address, or null when the text is not one
     */
    public static IPAddress parseOrNull(String text) {
        return new IPAddressString(text, STRICT).getAddress();
    }

    /** The high 64 bits of an IPv6 address. */
    public static long high64(IPv6Address address) {
        return segments(address, 0);
    }

    /** The low 64 bits of an IPv6 address. */
    public static long low64(IPv6Address address) {
        return segments(address, 4);
    }

    private static long segments(IPv6Address address, int first) {
        long bits = 0;
        for (int i = first; i < first + 4; i++) {
            bits = bits << 16 | address.getSegment(i).getSegmentValue();
        }
        return bits;
    }
}
