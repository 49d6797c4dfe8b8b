package org.opencirt.constituency.internal.lookup;

import java.util.Arrays;

/**
 * The IPv6 address space cut into non-overlapping intervals, each with the index of its owner. Starts are 128-bit
 * values kept as interleaved high/low longs in one array, so that both halves of a probe share a cache line; a lookup
 * is a binary search that allocates nothing.
 */
final class Ipv6Intervals implements PrefixFlattener.Sink {

    /** {@code starts[2i]}, {@code starts[2i+1]}: high and low half of interval i, sign bits flipped for signed order. */
    private long[] starts;
    private int[] owners;
    private int size;

    Ipv6Intervals(int prefixCount) {
        int capacity = 2 * prefixCount + 1;
        this.starts = new long[2 * capacity];
        this.owners = new int[capacity];
    }

    @Override
    public void append(long startHi, long startLo, int owner) {
        starts[2 * size] = startHi ^ Long.MIN_VALUE;
        starts[2 * size + 1] = startLo ^ Long.MIN_VALUE;
        owners[size] = owner;
        size++;
    }

    /** Trims the arrays; call once, after the flattener has finished. */
    Ipv6Intervals complete() {
        starts = Arrays.copyOf(starts, 2 * size);
        owners = Arrays.copyOf(owners, size);
        return this;
    }

    /** The owner of the address {@code hi:lo}, or {@link PrefixFlattener#NONE}. */
    int find(long hi, long lo) {
        long keyHi = hi ^ Long.MIN_VALUE;
        long keyLo = lo ^ Long.MIN_VALUE;
        int low = 0;
        int count = size;
        while (count > 1) {
            int half = count >>> 1;
            int probe = 2 * (low + half);
            long startHi = starts[probe];
            if (startHi < keyHi || startHi == keyHi && starts[probe + 1] <= keyLo) {
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
