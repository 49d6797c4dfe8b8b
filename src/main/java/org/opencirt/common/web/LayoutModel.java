package org.opencirt.common.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the page layout needs to know about the current request: its path, to mark the open section in the
 * navigation, and the same address in each UI language, so that switching language keeps the search and filters.
 */
@ControllerAdvice
public class LayoutModel {

    /** The UI languages, in the order the switch shows them. */
    static final List<String> LANGUAGES = List.of("en", "fr");

    @ModelAttribute
    void layout(HttpServletRequest request, Model model) {
        String uri = requestUri(request);
        model.addAttribute("currentPath", uri.substring(Math.min(uri.length(), request.getContextPath().length())));
        model.addAttribute("languageLinks", languageLinks(uri, request.getQueryString()));
    }

    /** The address as typed, also on the error page that the container forwards to. */
    private static String requestUri(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return original instanceof String uri ? uri : request.getRequestURI();
    }

    /** Each language's link to this page: the same path and query with only {@code lang} replaced. */
    static Map<String, String> languageLinks(String path, String query) {
        Map<String, String> links = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            links.put(language, UriComponentsBuilder.fromPath(path).query(query)
                    .replaceQueryParam("lang", language).build().toUriString());
        }
        return links;
    }
}
