package org.opencirt.constituency.internal.lookup;

import java.util.Arrays;

/**
 * AS number to match, as an open-addressing hash table with linear probing over a primitive {@code long[]}: no boxing,
 * and a hit usually costs one or two reads in the same cache line.
 */
final class AsnTable {

    private static final long EMPTY = -1L;

    private final long[] keys;
    private final Match[] values;
    private final int mask;
    private int size;

    AsnTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        this.keys = new long[capacity];
        this.values = new Match[capacity];
        this.mask = capacity - 1;
        Arrays.fill(keys, EMPTY);
    }

    /** Adds {@code asn}; when it is already there, the match with the lower asset id stays. */
    void put(long asn, Match match) {
        int slot = slotOf(asn);
        if (keys[slot] == EMPTY) {
            keys[slot] = asn;
            values[slot] = match;
            size++;
        } else if (match.assetId() < values[slot].assetId()) {
            values[slot] = match;
        }
    }

    /** The match for {@code asn}, or null. */
    Match get(long asn) {
        if (asn < 0) {
            return null;
        }
        return values[slotOf(asn)];
    }

    int size() {
        return size;
    }

    private int slotOf(long asn) {
        long hash = asn * 0x9E37_79B9_7F4A_7C15L;
        int slot = (int) (hash ^ hash >>> 32) & mask;
        while (keys[slot] != asn && keys[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
