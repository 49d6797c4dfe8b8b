package org.opencirt.constituency.internal.lookup;

import java.util.Arrays;

/**
 * The IPv4 address space cut into non-overlapping intervals, each with the slot of its owner, packed into one
 * {@code long[]} so that the owner sits in the same cache line as the start the search ends on. A 65,537-entry table
 * indexed by the top 16 address bits narrows the binary search to the few intervals of one /16, and the search has no
 * data-dependent branches, so the CPU can overlap the memory reads of consecutive lookups. Allocates nothing.
 */
final class Ipv4Intervals implements PrefixFlattener.Sink {

    private static final int BUCKET_SHIFT = 16;
    private static final int BUCKETS = 1 << (32 - BUCKET_SHIFT);

    /** Interval i: start with the sign bit flipped (so signed order is address order) in the high half, owner low. */
    private long[] intervals;
    private int size;
    /** {@code firstInBucket[b]}: the interval holding address {@code b << 16}; the last entry is the last interval. */
    private final int[] firstInBucket = new int[BUCKETS + 1];

    /** @param capacity the number of intervals the flattener will append (at most twice the prefixes, plus one) */
    Ipv4Intervals(int capacity) {
        this.intervals = new long[capacity];
    }

    @Override
    public void append(long startHi, long startLo, int owner) {
        intervals[size++] = (long) ((int) startLo ^ Integer.MIN_VALUE) << 32 | owner & 0xFFFF_FFFFL;
    }

    /** Trims the array and builds the bucket table; call once, after the flattener has finished. */
    Ipv4Intervals complete() {
        if (size < intervals.length) {
            intervals = Arrays.copyOf(intervals, size);
        }
        int interval = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            int first = (bucket << BUCKET_SHIFT) ^ Integer.MIN_VALUE;
            while (interval + 1 < size && start(interval + 1) <= first) {
                interval++;
            }
            firstInBucket[bucket] = interval;
        }
        firstInBucket[BUCKETS] = size - 1;
        return this;
    }

    private int start(int interval) {
        return (int) (intervals[interval] >> 32);
    }

    /** The owner of {@code address}, or {@link PrefixFlattener#NONE}. */
    int find(int address) {
        int bucket = address >>> BUCKET_SHIFT;
        int low = firstInBucket[bucket];
        int count = firstInBucket[bucket + 1] - low + 1;
        long key = address ^ Integer.MIN_VALUE;
        while (count > 1) {
            int half = count >>> 1;
            // start <= key exactly when start - key - 1 is negative; as longs this cannot overflow.
            low += half & (int) (((intervals[low + half] >> 32) - key - 1) >> 63);
            count -= half;
        }
        return (int) intervals[low];
    }

    int intervalCount() {
        return size;
    }
}
