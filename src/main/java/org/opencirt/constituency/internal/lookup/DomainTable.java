package org.opencirt.constituency.internal.lookup;

/**
 * Owned domain names, as an open-addressing hash table whose hash is computed from the right, so that one pass over
 * a host name yields the hash of each of its label-boundary suffixes ({@code example}, {@code bank.example},
 * {@code mail.bank.example}): finding the most specific owned suffix allocates no substrings. Letters are folded to
 * lower case while hashing and comparing, so the query needs no lower-casing copy either.
 */
final class DomainTable {

    private final String[] keys;
    /** The hash of each key with the top bit set, so that 0 means an empty slot and probing reads only this array. */
    private final int[] tags;
    private final Match[] values;
    private final int mask;
    private int size;

    DomainTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        this.keys = new String[capacity];
        this.tags = new int[capacity];
        this.values = new Match[capacity];
        this.mask = capacity - 1;
    }

    /** Adds a lower-case domain; when it is already there, the match with the lower asset id stays. */
    void put(String domain, Match match) {
        int hash = 0;
        for (int i = domain.length() - 1; i >= 0; i--) {
            hash = 31 * hash + domain.charAt(i);
        }
        int slot = slotOf(domain, 0, domain.length(), hash);
        if (keys[slot] == null) {
            keys[slot] = domain;
            tags[slot] = hash | Integer.MIN_VALUE;
            values[slot] = match;
            size++;
        } else if (match.assetId() < values[slot].assetId()) {
            values[slot] = match;
        }
    }

    /**
     * The match of the longest owned suffix of {@code name[0, end)} that starts at a label boundary, or null. ASCII
     * letters may be in any case; other characters must already be in punycode.
     */
    Match longestSuffix(String name, int end) {
        Match longest = null;
        int hash = 0;
        for (int i = end - 1; i >= 0; i--) {
            char c = name.charAt(i);
            if (c == '.') {
                longest = found(name, i + 1, end, hash, longest);
            }
            hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        return found(name, 0, end, hash, longest);
    }

    private Match found(String name, int from, int to, int hash, Match otherwise) {
        if (from == to) {
            return otherwise;
        }
        Match match = values[slotOf(name, from, to, hash)];
        return match != null ? match : otherwise;
    }

    private int slotOf(String name, int from, int to, int hash) {
        int mixed = (hash ^ hash >>> 16) * 0x9E37_79B9;
        int slot = (mixed ^ mixed >>> 15) & mask;
        int tag = hash | Integer.MIN_VALUE;
        for (int stored = tags[slot]; stored != 0; stored = tags[slot]) {
            if (stored == tag && equalsFolded(keys[slot], name, from, to)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static boolean equalsFolded(String key, String name, int from, int to) {
        if (key.length() != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = name.charAt(i);
            if (key.charAt(i - from) != (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c)) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return size;
    }
}
