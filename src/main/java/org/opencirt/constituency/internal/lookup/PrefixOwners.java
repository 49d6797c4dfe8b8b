package org.opencirt.constituency.internal.lookup;

import java.nio.ByteBuffer;

import inet.ipaddr.ipv6.IPv6Address;
import org.opencirt.constituency.AssetKind;

/**
 * Who owns each IP prefix, held in primitive arrays indexed by slot (IPv4 prefixes first, then IPv6) instead of a
 * million {@link Match} objects and CIDR strings: about 25 bytes per IPv4 prefix instead of about 100,
 * and the CIDR text is made only when a prefix is first matched.
 *
 * <p>A prefix's {@link Match} is made on its first lookup and kept, so repeated lookups allocate nothing. Two threads
 * may race to make the same one; both results are equal and a {@code Match} has only final fields, so whichever is
 * seen is fully built (JLS 17.5) and the race is harmless.
 */
final class PrefixOwners {

    private final long[] assetIds;
    private final long[] organisationIds;
    private final byte[] lengths;
    private final int[] ipv4Starts;
    private final long[] ipv6Highs;
    private final long[] ipv6Lows;
    private final Match[] matches;

    PrefixOwners(int ipv4Count, int ipv6Count) {
        int count = ipv4Count + ipv6Count;
        this.assetIds = new long[count];
        this.organisationIds = new long[count];
        this.lengths = new byte[count];
        this.ipv4Starts = new int[ipv4Count];
        this.ipv6Highs = new long[ipv6Count];
        this.ipv6Lows = new long[ipv6Count];
        this.matches = new Match[count];
    }

    void setIpv4(int slot, IndexedAsset asset, int start, int length) {
        set(slot, asset, length);
        ipv4Starts[slot] = start;
    }

    void setIpv6(int slot, IndexedAsset asset, long high, long low, int length) {
        set(slot, asset, length);
        ipv6Highs[slot - ipv4Starts.length] = high;
        ipv6Lows[slot - ipv4Starts.length] = low;
    }

    private void set(int slot, IndexedAsset asset, int length) {
        assetIds[slot] = asset.assetId();
        organisationIds[slot] = asset.organisationId();
        lengths[slot] = (byte) length;
    }

    /** The asset ids by slot, for the flattener to settle equal prefixes. */
    long[] assetIds() {
        return assetIds;
    }

    int count() {
        return assetIds.length;
    }

    /** The match for a slot, or null for {@link PrefixFlattener#NONE}. */
    Match match(int slot) {
        if (slot == PrefixFlattener.NONE) {
            return null;
        }
        Match match = matches[slot];
        if (match == null) {
            int length = lengths[slot] & 0xFF;
            String value = slot < ipv4Starts.length
                    ? IpText.formatIPv4Cidr(ipv4Starts[slot], length)
                    : ipv6Value(slot - ipv4Starts.length, length);
            match = new Match(assetIds[slot], organisationIds[slot], AssetKind.CIDR, value, length);
            matches[slot] = match;
        }
        return match;
    }

    /** RFC 5952 text such as {@code 2001:db8::/32}. */
    private String ipv6Value(int index, int length) {
        byte[] bytes = ByteBuffer.allocate(16).putLong(ipv6Highs[index]).putLong(ipv6Lows[index]).array();
        return new IPv6Address(bytes, length).toCanonicalString();
    }
}
