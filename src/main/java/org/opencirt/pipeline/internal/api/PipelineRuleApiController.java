package org.opencirt.pipeline.internal.api;

import java.util.List;

import org.opencirt.pipeline.PipelineRule;
import org.opencirt.pipeline.PipelineRuleService;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Processing rules over HTTP: read by staff, changed by those who configure feeds. */
@RestController
@RequestMapping("/api/v1/pipeline-rules")
public class PipelineRuleApiController {

    private final PipelineRuleService rules;

    public PipelineRuleApiController(PipelineRuleService rules) {
        this.rules = rules;
    }

    /** Rules in evaluation order, of one feed with {@code feedId} (its own, not the global ones). */
    @GetMapping
    @PreAuthorize(PipelinePermissions.STAFF)
    public List<PipelineRule> list(@RequestParam(required = false) Long feedId) {
        return rules.list(feedId);
    }

    @GetMapping("/{id}")
    @PreAuthorize(PipelinePermissions.STAFF)
    public PipelineRule get(@PathVariable long id) {
        return rules.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(PipelinePermissions.CONFIGURE)
    public PipelineRule create(@RequestBody PipelineRule.Input input) {
        return rules.create(input);
    }

    @PutMapping("/{id}")
    @PreAuthorize(PipelinePermissions.CONFIGURE)
    public PipelineRule update(@PathVariable long id, @RequestBody PipelineRule.Input input) {
        return rules.update(id, input);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(PipelinePermissions.CONFIGURE)
    public void delete(@PathVariable long id) {
        rules.delete(id);
    }
}
