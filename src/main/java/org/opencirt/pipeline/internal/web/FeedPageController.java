package org.opencirt.pipeline.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.PageRequest;
import org.opencirt.pipeline.Feed;
import org.opencirt.pipeline.FeedService;
import org.opencirt.pipeline.InputService;
import org.opencirt.pipeline.RawInput;
import org.opencirt.pipeline.internal.api.PipelinePermissions;
import org.opencirt.pipeline.internal.intake.WatchedFolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Feed pages: the configured feeds with the folder each one watches, and a feed's page with its latest inputs and
 * a form to upload a file by hand (stored first, then processed in the background, like every other source).
 */
@Controller
@RequestMapping("/pipeline/feeds")
public class FeedPageController {

    private final FeedService feeds;
    private final InputService inputs;
    private final WatchedFolder folder;

    public FeedPageController(FeedService feeds, InputService inputs, WatchedFolder folder) {
        this.feeds = feeds;
        this.inputs = inputs;
        this.folder = folder;
    }

    /** A feed with the folder it watches (null when its name cannot be a folder). */
    public record Row(Feed feed, String folder) {
    }

    @GetMapping
    @PreAuthorize(PipelinePermissions.STAFF)
    public String list(Model model) {
        model.addAttribute("feeds", feeds.list().stream().map(this::row).toList());
        model.addAttribute("inbox", folder.root().toString());
        return "pipeline/feeds";
    }

    @GetMapping("/{id}")
    @PreAuthorize(PipelinePermissions.STAFF)
    public String detail(@PathVariable long id, Model model) {
        model.addAttribute("row", row(feeds.get(id)));
        List<RawInput> latest = inputs.list(id, PageRequest.of(0, 10)).items();
        model.addAttribute("inputs", latest);
        return "pipeline/feed";
    }

    @PostMapping("/{id}/inputs")
    @PreAuthorize(PipelinePermissions.OPERATE)
    public String upload(@PathVariable long id, @RequestParam(required = false) MultipartFile file,
            RedirectAttributes redirect) throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("problemKey", "pipeline.upload.noFile");
            return "redirect:/pipeline/feeds/" + id;
        }
        RawInput.Intake intake;
        try (InputStream in = file.getInputStream()) {
            intake = inputs.receive(id, file.getOriginalFilename(), in, false);
        } catch (InvalidInputException refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
            return "redirect:/pipeline/feeds/" + id;
        }
        redirect.addFlashAttribute("notice", intake.duplicate() ? "pipeline.upload.duplicate"
                : "pipeline.upload.received");
        return "redirect:/pipeline/inputs/" + intake.input().id();
    }

    private Row row(Feed feed) {
        return new Row(feed, folder.folderOf(feed).map(Object::toString).orElse(null));
    }
}
