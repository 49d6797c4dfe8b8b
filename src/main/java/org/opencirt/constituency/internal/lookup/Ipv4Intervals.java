package org.opencirt.constituency.internal.lookup;

import java.util.Arrays;

/**
 * The IPv4 address space cut into non-overlapping intervals, each with the index of its owner, in two primitive arrays.
 * A 65,537-entry table indexed by the top 16 address bits narrows the binary search to the few intervals of one /16,
 * so a lookup touches three or four cache lines and allocates nothing.
 */
final class Ipv4Intervals implements PrefixFlattener.Sink {

    private static final int BUCKET_SHIFT = 16;
    private static final int BUCKETS = 1 << (32 - BUCKET_SHIFT);

    /** Interval starts with the sign bit flipped, so that signed comparison orders them as unsigned addresses. */
    private int[] starts;
    private int[] owners;
    private int size;
    /** {@code firstInBucket[b]}: the interval holding address {@code b << 16}; the last entry is the last interval. */
    private final int[] firstInBucket = new int[BUCKETS + 1];

    Ipv4Intervals(int prefixCount) {
        int capacity = 2 * prefixCount + 1;
        this.starts = new int[capacity];
        this.owners = new int[capacity];
    }

    @Override
    public void append(long startHi, long startLo, int owner) {
        starts[size] = (int) startLo ^ Integer.MIN_VALUE;
        owners[size] = owner;
        size++;
    }

    /** Trims the arrays and builds the bucket table; call once, after the flattener has finished. */
    Ipv4Intervals complete() {
        starts = Arrays.copyOf(starts, size);
        owners = Arrays.copyOf(owners, size);
        int interval = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            int first = (bucket << BUCKET_SHIFT) ^ Integer.MIN_VALUE;
            while (interval + 1 < size && starts[interval + 1] <= first) {
                interval++;
            }
            firstInBucket[bucket] = interval;
        }
        firstInBucket[BUCKETS] = size - 1;
        return this;
    }

    /** The owner of {@code address}, or {@link PrefixFlattener#NONE}. */
    int find(int address) {
        int bucket = address >>> BUCKET_SHIFT;
        int low = firstInBucket[bucket];
        int count = firstInBucket[bucket + 1] - low + 1;
        int key = address ^ Integer.MIN_VALUE;
        while (count > 1) {
            int half = count >>> 1;
            if (starts[low + half] <= key) {
                low += half;
            }
            count -= half;
        }
        return owners[low];
    }

    int intervalCount() {
        return size;
    }
}
