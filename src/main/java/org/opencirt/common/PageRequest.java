package org.opencirt.common;

/** A page asked for by a client, clamped so that nobody can ask the database for a million rows at once. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;

    public PageRequest {
        page = Math.max(0, page);
        size = size <= 0 ? 50 : Math.min(size, MAX_SIZE);
    }

    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? 50 : size);
    }

    public long offset() {
        return (long) page * size;
    }
}
