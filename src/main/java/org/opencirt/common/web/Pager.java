package org.opencirt.common.web;

import jakarta.servlet.http.HttpServletRequest;
import org.opencirt.common.PageResult;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the one paging fragment shows under a list: where we are and links to the neighbouring pages that keep
 * the search and filters of the current request. Shared by the pages of every feature, so that lists page alike.
 *
 * @param exact    whether {@code total} is exact; when not, it is a lower bound (shown as “1000+”)
 * @param previous link to the previous page, null on the first
 * @param next     link to the next page, null on the last
 */
public record Pager(int number, int pages, long total, boolean exact, String previous, String next) {

    public static Pager of(PageResult<?> result, HttpServletRequest request) {
        return new Pager(result.page() + 1, Math.max(1, result.totalPages()), result.total(), result.totalExact(),
                result.hasPrevious() ? link(request, result.page() - 1) : null,
                result.hasNext() ? link(request, result.page() + 1) : null);
    }

    /** The total as a list shows it: {@code 1000+} when only a lower bound is known. */
    public String totalText() {
        return exact ? Long.toString(total) : total + "+";
    }

    private static String link(HttpServletRequest request, int page) {
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam("page", page).build().toUriString();
    }
}
