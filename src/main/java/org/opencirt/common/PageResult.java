package org.opencirt.common;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a longer list, with what a client needs to ask for the next one.
 *
 * @param total      how many items the whole list has; when {@code totalExact} is false, a lower bound: the list
 *                   was counted only up to a limit (large lists, see ADR 0014) and has at least this many
 * @param totalExact whether {@code total} is the exact count
 */
public record PageResult<T>(List<T> items, int page, int size, long total, boolean totalExact) {

    /** A page of a list counted exactly. */
    public PageResult(List<T> items, int page, int size, long total) {
        this(items, page, size, total, true);
    }

    public int totalPages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }

    /** Whether a next page may have items: by the count, or, past a count that stopped, when this page is full. */
    public boolean hasNext() {
        return page + 1 < totalPages() || (!totalExact && items.size() == size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(items.stream().map(mapper).toList(), page, size, total, totalExact);
    }
}
