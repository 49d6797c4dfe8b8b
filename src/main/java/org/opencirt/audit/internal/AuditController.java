package org.opencirt.audit.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.opencirt.audit.AuditChannel;
import org.opencirt.audit.AuditEntry;
import org.opencirt.audit.AuditLog;
import org.opencirt.audit.AuditQuery;
import org.opencirt.audit.ChainVerification;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The audit page: filter and page through the log, read a change's before and after, verify the chain. */
@Controller
@RequestMapping("/audit")
@PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
public class AuditController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final AuditLog audit;
    private final JsonMapper json;

    public AuditController(AuditLog audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /** One line of the table, with the time in UTC and the states pretty-printed for reading. */
    public record Row(AuditEntry entry, String time, String before, String after) {
    }

    @GetMapping
    public String list(AuditFilter filter, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, Model model) {
        AuditQuery query;
        try {
            query = filter.toQuery();
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.byField());
            query = null;
        }
        PageResult<Row> result = query == null
                ? new PageResult<>(List.<Row>of(), 0, PageRequest.of(page, size).size(), 0)
                : audit.search(query, PageRequest.of(page, size)).map(this::row);
        model.addAttribute("filter", filter);
        model.addAttribute("channels", AuditChannel.values());
        model.addAttribute("result", result);
        model.addAttribute("previousPage", result.hasPrevious() ? pageLink(filter, result, -1) : null);
        model.addAttribute("nextPage", result.hasNext() ? pageLink(filter, result, 1) : null);
        return "audit/log";
    }

    /** The verification result: a fragment for htmx, the whole page otherwise. */
    @GetMapping("/verify")
    public String verify(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        ChainVerification verification = audit.verify();
        model.addAttribute("verification", verification);
        if ("true".equals(htmx)) {
            return "audit/log :: verification";
        }
        return list(new AuditFilter(null, null, null, null, null, null, null), null, null, model);
    }

    private static String pageLink(AuditFilter filter, PageResult<?> result, int step) {
        return "?" + filter.queryStringForPage(result.page() + step, result.size());
    }

    private Row row(AuditEntry entry) {
        return new Row(entry, TIME.format(entry.occurredAt()), pretty(entry.before()), pretty(entry.after()));
    }

    private String pretty(String state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(state));
        } catch (JacksonException notJson) {
            return state;
        }
    }
}
