package org.opencirt.constituency.internal.lookup;

/**
 * Turns nested CIDR prefixes into sorted, non-overlapping intervals, each owned by the most specific prefix that covers
 * it, so that a longest-prefix match becomes one binary search. Works on 128-bit keys ({@code hi:lo}, compared
 * unsigned) so that IPv4 (in the low 32 bits) and IPv6 share it.
 *
 * <p>Prefixes must be {@linkplain #add added} in ascending start order and, for equal starts, shortest first. CIDR
 * prefixes either nest or are disjoint, so a stack of the open prefixes is all the state needed. The sink receives
 * the start of each interval and its owner ({@link #NONE} for gaps); an interval ends where the next one starts, the
 * first starts at address 0 and the last runs to the end of the address space.
 */
final class PrefixFlattener {

    /** Owner of addresses that no prefix covers. */
    static final int NONE = -1;

    /** Receives the flattened intervals in ascending order. */
    interface Sink {
        void append(long startHi, long startLo, int owner);
    }

    private final int width;
    private final long lastHi;
    private final long lastLo;
    private final Match[] owners;
    private final Sink sink;

    private final long[] openEndHi = new long[129];
    private final long[] openEndLo = new long[129];
    private final int[] openOwner = new int[129];
    private int depth;

    private long previousHi;
    private long previousLo;
    private int previousLength = -1;

    private boolean pending;
    private long pendingHi;
    private long pendingLo;
    private int pendingOwner;
    private int appendedOwner = Integer.MIN_VALUE;

    /**
     * @param width  32 for IPv4, 128 for IPv6
     * @param owners the matches the owner indexes refer to; of two equal prefixes, the lower asset id wins
     */
    PrefixFlattener(int width, Match[] owners, Sink sink) {
        this.width = width;
        this.lastHi = width == 128 ? -1L : 0L;
        this.lastLo = width == 128 ? -1L : 0xFFFF_FFFFL;
        this.owners = owners;
        this.sink = sink;
        emit(0, 0, NONE);
    }

    /** Adds the prefix {@code hi:lo/length} (host bits clear) owned by {@code owner}. */
    void add(long hi, long lo, int length, int owner) {
        if (length == previousLength && hi == previousHi && lo == previousLo) {
            int current = openOwner[depth - 1];
            if (owners[owner].assetId() < owners[current].assetId()) {
                openOwner[depth - 1] = owner;
                emit(hi, lo, owner);
            }
            return;
        }
        previousHi = hi;
        previousLo = lo;
        previousLength = length;
        while (depth > 0 && isBefore(openEndHi[depth - 1], openEndLo[depth - 1], hi, lo)) {
            close();
        }
        int hostBits = width - length;
        openEndHi[depth] = hi | (hostBits <= 64 ? 0 : -1L >>> (128 - hostBits));
        openEndLo[depth] = lo | (hostBits == 0 ? 0 : -1L >>> (64 - Math.min(hostBits, 64)));
        openOwner[depth] = owner;
        depth++;
        emit(hi, lo, owner);
    }

    /** Closes the prefixes still open and hands the last interval to the sink. */
    void finish() {
        while (depth > 0) {
            close();
        }
        flush();
    }

    private static boolean isBefore(long endHi, long endLo, long hi, long lo) {
        return endHi != hi ? Long.compareUnsigned(endHi, hi) < 0 : Long.compareUnsigned(endLo, lo) < 0;
    }

    private void close() {
        depth--;
        long endHi = openEndHi[depth];
        long endLo = openEndLo[depth];
        if (endHi == lastHi && endLo == lastLo) {
            return;
        }
        long nextLo = endLo + 1;
        long nextHi = nextLo == 0 ? endHi + 1 : endHi;
        emit(nextHi, nextLo, depth > 0 ? openOwner[depth - 1] : NONE);
    }

    /**
     * Records that {@code owner} owns addresses from {@code hi:lo} on. Several prefixes ending together emit the same
     * start repeatedly: the last one (the outermost still open) wins, and an interval that continues its predecessor's
     * owner is merged into it.
     */
    private void emit(long hi, long lo, int owner) {
        if (pending && pendingHi == hi && pendingLo == lo) {
            pendingOwner = owner;
            pending = owner != appendedOwner;
            return;
        }
        flush();
        if (owner != appendedOwner) {
            pending = true;
            pendingHi = hi;
            pendingLo = lo;
            pendingOwner = owner;
        }
    }

    private void flush() {
        if (pending) {
            sink.append(pendingHi, pendingLo, pendingOwner);
            appendedOwner = pendingOwner;
            pending = false;
        }
    }
}
