package org.opencirt.incident.internal.web;

import jakarta.servlet.http.HttpServletRequest;

/** How the incident pages answer htmx: only the fragment it swaps in, the whole page to a browser. */
final class WebPages {

    private WebPages() {
    }

    static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    static String view(HttpServletRequest request, String page, String fragment) {
        return htmx(request) ? page + " :: " + fragment : page;
    }
}
