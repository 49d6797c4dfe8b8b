package org.opencirt.constituency.internal.demo;

/**
 * Hands out aligned, non-overlapping prefixes from one IPv4 block, or from the 32 bits that follow
 * {@code 2001:db8::/32} for IPv6, in order, so that the demo's address plan is the same on every start.
 */
final class AddressPool {

    private static final String IPV6_DOCUMENTATION = "2001:db8:";

    private final boolean ipv6;
    private final int bits;
    private final long end;
    private long next;

    private AddressPool(boolean ipv6, long start, long end) {
        this.ipv6 = ipv6;
        this.bits = ipv6 ? 64 : 32;
        this.next = start;
        this.end = end;
    }

    /** A pool over an IPv4 block such as {@code 10.0.0.0/11}. */
    static AddressPool ipv4(String cidr) {
        int slash = cidr.indexOf('/');
        long start = 0;
        for (String octet : cidr.substring(0, slash).split("\\.")) {
            start = start << 8 | Integer.parseInt(octet);
        }
        return new AddressPool(false, start, start + (1L << (32 - Integer.parseInt(cidr.substring(slash + 1)))));
    }

    /**
     * A pool over part of {@code 2001:db8::/32}: {@code offset} is the value of the third and fourth groups
     * ({@code 0x1000_0000} is {@code 2001:db8:1000::}), {@code length} the prefix length of the whole pool.
     */
    static AddressPool ipv6(long offset, int length) {
        return new AddressPool(true, offset, offset + (1L << (64 - length)));
    }

    /** The next free prefix of the given length, or IllegalStateException when the pool is exhausted. */
    String take(int length) {
        long size = 1L << (bits - length);
        long start = (next + size - 1) / size * size;
        if (start + size > end) {
            throw new IllegalStateException("demo address pool exhausted");
        }
        next = start + size;
        return format(start) + "/" + length;
    }

    /** Leaves a gap of the size of a prefix of the given length, as real allocations have. */
    void skip(int length) {
        next += 1L << (bits - length);
    }

    /** IPv4: the address; IPv6: the value counts /64 networks after {@code 2001:db8::/32}. */
    private String format(long value) {
        if (ipv6) {
            return IPV6_DOCUMENTATION + Long.toHexString(value >>> 16) + ":" + Long.toHexString(value & 0xFFFF) + "::";
        }
        return (value >>> 24) + "." + (value >>> 16 & 0xFF) + "." + (value >>> 8 & 0xFF) + "." + (value & 0xFF);
    }
}
