package org.opencirt.pipeline.internal.api;

import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.pipeline.internal.source.MailIntake;
import org.opencirt.pipeline.internal.source.MailRecord;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The intake mailbox over HTTP: the mails it gave and what became of them, its state, and a poll on demand. */
@RestController
@RequestMapping("/api/v1/mail-intake")
public class MailIntakeApiController {

    private final MailIntake mail;

    public MailIntakeApiController(MailIntake mail) {
        this.mail = mail;
    }

    @GetMapping
    @PreAuthorize(PipelinePermissions.STAFF)
    public PageResult<MailRecord> list(@RequestParam(required = false) String outcome,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return mail.list(outcome, PageRequest.of(page, size));
    }

    @GetMapping("/status")
    @PreAuthorize(PipelinePermissions.STAFF)
    public MailRecord.Status status() {
        return mail.status();
    }

    /** Reads the mailbox now instead of waiting for the next poll. */
    @PostMapping("/poll")
    @PreAuthorize(PipelinePermissions.OPERATE)
    public MailRecord.Status poll() {
        return mail.poll();
    }
}
