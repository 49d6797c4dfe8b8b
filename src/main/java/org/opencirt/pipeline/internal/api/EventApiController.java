package org.opencirt.pipeline.internal.api;

import java.time.Instant;

import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.pipeline.EventQuery;
import org.opencirt.pipeline.EventService;
import org.opencirt.pipeline.StoredEvent;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Stored events over HTTP: a page at a time, or streamed whole as CSV or IntelMQ JSON lines. */
@RestController
@RequestMapping("/api/v1/events")
public class EventApiController {

    private final EventService events;

    public EventApiController(EventService events) {
        this.events = events;
    }

    @GetMapping
    @PreAuthorize(PipelinePermissions.READ_EVENTS)
    public PageResult<StoredEvent> search(@RequestParam(required = false) Long organisationId,
            @RequestParam(required = false) String type, @RequestParam(required = false) String feed,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return events.search(new EventQuery(organisationId, type, feed, from, to), PageRequest.of(page, size));
    }

    @GetMapping("/export")
    @PreAuthorize(PipelinePermissions.READ_EVENTS)
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) Long organisationId, @RequestParam(required = false) String type,
            @RequestParam(required = false) String feed, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        boolean csv = switch (format) {
            case "csv" -> true;
            case "intelmq" -> false;
            default -> throw new IllegalArgumentException("format must be csv or intelmq");
        };
        EventQuery query = new EventQuery(organisationId, type, feed, from, to);
        EventService.Scope scope = events.scopeFor(query);
        StreamingResponseBody body = out -> events.export(query, scope, csv, out);
        return ResponseEntity.ok()
                .contentType(csv ? new MediaType("text", "csv") : new MediaType("application", "x-ndjson"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"events." + (csv ? "csv" : "jsonl") + "\"")
                .body(body);
    }
}
