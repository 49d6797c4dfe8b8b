package org.opencirt.pipeline.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.web.Pager;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.identity.CurrentUser;
import org.opencirt.pipeline.Classifications;
import org.opencirt.pipeline.EventQuery;
import org.opencirt.pipeline.EventService;
import org.opencirt.pipeline.Feed;
import org.opencirt.pipeline.FeedService;
import org.opencirt.pipeline.StoredEvent;
import org.opencirt.pipeline.internal.api.PipelinePermissions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Browsing and searching stored events (by organisation, type, feed and days in UTC), with the same search as CSV
 * or IntelMQ JSON lines through the export API. Staff see every event; a CONSTITUENT only its own organisation's,
 * decided by {@link EventService}, so the page and the exports cannot disagree.
 */
@Controller
public class EventPageController {

    private final EventService events;
    private final FeedService feeds;
    private final OrganisationService organisations;
    private final JsonMapper json;

    public EventPageController(EventService events, FeedService feeds, OrganisationService organisations,
            JsonMapper json) {
        this.events = events;
        this.feeds = feeds;
        this.organisations = organisations;
        this.json = json;
    }

    /** One table row: the stored event and what the row shows of it. */
    public record Row(StoredEvent event, String source, String port, String organisation, String feed) {
    }

    @GetMapping("/pipeline/events")
    @PreAuthorize(PipelinePermissions.READ_EVENTS)
    public String search(@RequestParam(required = false) Long organisationId,
            @RequestParam(required = false) String type, @RequestParam(required = false) String feed,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant start = day(from, "from", errors, 0);
        Instant end = day(to, "to", errors, 1);
        EventQuery query = new EventQuery(organisationId, blankToNull(type), blankToNull(feed), start, end);
        PageResult<StoredEvent> result = events.search(query, PageRequest.of(page, null));
        Map<Long, String> organisationNames = organisations.all().stream()
                .collect(Collectors.toMap(Organisation::id, Organisation::name, (a, b) -> a, LinkedHashMap::new));
        Map<Long, String> feedNames = feeds.list().stream()
                .collect(Collectors.toMap(Feed::id, Feed::name, (a, b) -> a));
        model.addAttribute("staff", CurrentUser.restrictedOrganisation() == null);
        model.addAttribute("filter", Map.of("organisationId", organisationId == null ? "" : organisationId,
                "type", type == null ? "" : type, "feed", feed == null ? "" : feed, "from", from == null ? "" : from,
                "to", to == null ? "" : to));
        model.addAttribute("errors", errors);
        model.addAttribute("organisations", organisationNames);
        model.addAttribute("feeds", feedNames.values().stream().sorted().toList());
        model.addAttribute("types", Classifications.types());
        model.addAttribute("results", result.map(event -> row(event, organisationNames, feedNames)));
        model.addAttribute("pager", Pager.of(result, request));
        model.addAttribute("exportCsv", exportLink("csv", query));
        model.addAttribute("exportIntelMq", exportLink("intelmq", query));
        return "true".equals(request.getHeader("HX-Request")) ? "pipeline/events :: results" : "pipeline/events";
    }

    private Row row(StoredEvent event, Map<Long, String> organisationNames, Map<Long, String> feedNames) {
        JsonNode data = json.readTree(event.data());
        String source = event.sourceIp() != null ? event.sourceIp()
                : text(data, "source.fqdn") != null ? text(data, "source.fqdn") : text(data, "source.url");
        String port = text(data, "source.port");
        String organisation = event.organisationId() == null ? null
                : organisationNames.getOrDefault(event.organisationId(), "#" + event.organisationId());
        return new Row(event, source, port, organisation, feedNames.get(event.feedId()));
    }

    private static String text(JsonNode data, String key) {
        JsonNode value = data.path(key);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static String exportLink(String format, EventQuery query) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/api/v1/events/export")
                .queryParam("format", format);
        if (query.organisationId() != null) {
            link.queryParam("organisationId", query.organisationId());
        }
        if (query.type() != null) {
            link.queryParam("type", query.type());
        }
        if (query.feed() != null) {
            link.queryParam("feed", query.feed());
        }
        if (query.from() != null) {
            link.queryParam("from", query.from());
        }
        if (query.to() != null) {
            link.queryParam("to", query.to());
        }
        return link.encode().build().toUriString();
    }

    /** A day (yyyy-MM-dd, UTC) as the instant it starts, {@code plusDays} later; a field message when malformed. */
    private static Instant day(String text, String field, Map<String, String> errors, int plusDays) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip()).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(field, "'" + text + "' is not a date (yyyy-MM-dd)");
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
