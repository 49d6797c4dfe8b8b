package org.opencirt.pipeline.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencirt.common.ConflictException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.web.Pager;
import org.opencirt.pipeline.Feed;
import org.opencirt.pipeline.FeedService;
import org.opencirt.pipeline.InputService;
import org.opencirt.pipeline.QuarantineEntry;
import org.opencirt.pipeline.RawInput;
import org.opencirt.pipeline.internal.api.PipelinePermissions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Inputs and the quarantine: every file received with where its processing stands and counts that account for
 * every line, and the lines that did not become events, each with a button to replay it after the feed is fixed.
 */
@Controller
public class InputPageController {

    private final InputService inputs;
    private final FeedService feeds;

    public InputPageController(InputService inputs, FeedService feeds) {
        this.inputs = inputs;
        this.feeds = feeds;
    }

    @GetMapping("/pipeline/inputs")
    @PreAuthorize(PipelinePermissions.STAFF)
    public String list(@RequestParam(required = false) Long feedId, @RequestParam(required = false) Integer page,
            HttpServletRequest request, Model model) {
        PageResult<RawInput> result = inputs.list(feedId, PageRequest.of(page, null));
        model.addAttribute("feedId", feedId);
        model.addAttribute("feeds", feeds.list());
        model.addAttribute("feedNames", feedNames());
        model.addAttribute("results", result);
        model.addAttribute("pager", Pager.of(result, request));
        model.addAttribute("busy", result.items().stream().anyMatch(InputPageController::busy));
        model.addAttribute("refreshUrl", request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        return "true".equals(request.getHeader("HX-Request")) ? "pipeline/inputs :: results" : "pipeline/inputs";
    }

    @GetMapping("/pipeline/inputs/{id}")
    @PreAuthorize(PipelinePermissions.STAFF)
    public String detail(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        RawInput input = inputs.get(id);
        model.addAttribute("input", input);
        model.addAttribute("feed", feeds.get(input.feedId()));
        model.addAttribute("busy", busy(input));
        model.addAttribute("quarantine", inputs.quarantine(id, false, PageRequest.of(0, PageRequest.MAX_SIZE)));
        return "true".equals(htmx) ? "pipeline/input :: state" : "pipeline/input";
    }

    @PostMapping("/pipeline/inputs/{id}/replay")
    @PreAuthorize(PipelinePermissions.OPERATE)
    public String replayInput(@PathVariable long id, RedirectAttributes redirect) {
        try {
            inputs.replayInput(id);
            redirect.addFlashAttribute("notice", "pipeline.replay.done");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/pipeline/inputs/" + id;
    }

    @GetMapping("/pipeline/quarantine")
    @PreAuthorize(PipelinePermissions.STAFF)
    public String quarantine(@RequestParam(defaultValue = "true") boolean open,
            @RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
        PageResult<QuarantineEntry> result = inputs.quarantine(null, open, PageRequest.of(page, null));
        model.addAttribute("open", open);
        model.addAttribute("results", result);
        model.addAttribute("pager", Pager.of(result, request));
        return "pipeline/quarantine";
    }

    /**
     * Replays one line: htmx gets the line's new row (or, when refused, the reason in the page's problem area), a
     * plain form the list again with what happened.
     */
    @PostMapping("/pipeline/quarantine/{id}/replay")
    @PreAuthorize(PipelinePermissions.OPERATE)
    public String replayLine(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestParam(defaultValue = "true") boolean withInput, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        boolean fragment = "true".equals(htmx);
        try {
            QuarantineEntry entry = inputs.replayEntry(id);
            if (fragment) {
                model.addAttribute("q", entry);
                model.addAttribute("withInput", withInput);
                return "pipeline/quarantine :: row";
            }
            redirect.addFlashAttribute("notice", entry.resolvedAt() != null ? "pipeline.replay.done"
                    : "pipeline.replay.stillBad");
        } catch (ConflictException refused) {
            if (fragment) {
                response.setHeader("HX-Retarget", "#problem");
                response.setHeader("HX-Reswap", "outerHTML");
                model.addAttribute("problem", refused.getMessage());
                return "pipeline/fragments :: problem";
            }
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/pipeline/quarantine";
    }

    private Map<Long, String> feedNames() {
        return feeds.list().stream().collect(Collectors.toMap(Feed::id, Feed::name, (a, b) -> a));
    }

    private static boolean busy(RawInput input) {
        return input.state().equals("received") || input.state().equals("processing");
    }
}
