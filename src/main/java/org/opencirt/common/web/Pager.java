package org.opencirt.common.web;

import jakarta.servlet.http.HttpServletRequest;
import org.opencirt.common.PageResult;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the paging fragment shows under a list, the same for every feature's lists: where we are and links to the
 * neighbouring pages that keep the search and filters of the current request.
 *
 * @param previous link to the previous page, null on the first
 * @param next     link to the next page, null on the last
 */
public record Pager(int number, int pages, long total, String previous, String next) {

    public static Pager of(PageResult<?> result, HttpServletRequest request) {
        return new Pager(result.page() + 1, Math.max(1, result.totalPages()), result.total(),
                result.hasPrevious() ? link(request, result.page() - 1) : null,
                result.hasNext() ? link(request, result.page() + 1) : null);
    }

    private static String link(HttpServletRequest request, int page) {
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam("page", page).build().toUriString();
    }
}
