package org.opencirt.pipeline.internal.api;

import java.util.List;

import org.opencirt.pipeline.Feed;
import org.opencirt.pipeline.FeedService;
import org.opencirt.pipeline.internal.source.FeedPuller;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Feeds over HTTP, and fetching a feed's pull URL now. */
@RestController
@RequestMapping("/api/v1/feeds")
public class FeedApiController {

    private final FeedService feeds;
    private final FeedPuller puller;

    public FeedApiController(FeedService feeds, FeedPuller puller) {
        this.feeds = feeds;
        this.puller = puller;
    }

    @GetMapping
    @PreAuthorize(PipelinePermissions.STAFF)
    public List<Feed> list() {
        return feeds.list();
    }

    @GetMapping("/{id}")
    @PreAuthorize(PipelinePermissions.STAFF)
    public Feed get(@PathVariable long id) {
        return feeds.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(PipelinePermissions.CONFIGURE)
    public Feed create(@RequestBody Feed.Input input) {
        return feeds.create(input);
    }

    @PutMapping("/{id}")
    @PreAuthorize(PipelinePermissions.CONFIGURE)
    public Feed update(@PathVariable long id, @RequestBody Feed.Input input) {
        return feeds.update(id, input);
    }

    /** Fetches the feed's pull URL now; the answer is the feed with the pull's outcome in {@code pullStatus}. */
    @PostMapping("/{id}/pull")
    @PreAuthorize(PipelinePermissions.OPERATE)
    public Feed pull(@PathVariable long id) {
        return puller.pullNow(id);
    }
}
