package org.opencirt.pipeline.internal.api;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import org.opencirt.common.InvalidInputException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.pipeline.InputService;
import org.opencirt.pipeline.QuarantineEntry;
import org.opencirt.pipeline.RawInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Feed inputs and the quarantine over HTTP: upload a file (as the body, or as the multipart part {@code file}),
 * follow its processing, list and replay quarantined lines.
 */
@RestController
public class InputApiController {

    private final InputService inputs;

    public InputApiController(InputService inputs) {
        this.inputs = inputs;
    }

    /** 202 when processing goes on in the background, 201 when done ({@code wait=true}), 200 for a known file. */
    @PostMapping("/api/v1/feeds/{feedId}/inputs")
    @PreAuthorize(PipelinePermissions.OPERATE)
    public ResponseEntity<RawInput.Intake> upload(@PathVariable long feedId,
            @RequestParam(required = false) String fileName, @RequestParam(defaultValue = "false") boolean wait,
            HttpServletRequest request) throws IOException {
        String name = fileName;
        InputStream body;
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
            Part part;
            try {
                part = request.getPart("file");
            } catch (ServletException e) {
                throw new InvalidInputException("file", "the multipart body cannot be read");
            }
            if (part == null) {
                throw new InvalidInputException("file", "the multipart body has no part named 'file'");
            }
            name = name != null ? name : part.getSubmittedFileName();
            body = part.getInputStream();
        } else {
            body = request.getInputStream();
        }
        RawInput.Intake intake;
        try (InputStream in = body) {
            intake = inputs.receive(feedId, name, in, wait);
        }
        HttpStatus status = intake.duplicate() ? HttpStatus.OK : wait ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).body(intake);
    }

    @GetMapping("/api/v1/inputs")
    @PreAuthorize(PipelinePermissions.STAFF)
    public PageResult<RawInput> list(@RequestParam(required = false) Long feedId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return inputs.list(feedId, PageRequest.of(page, size));
    }

    @GetMapping("/api/v1/inputs/{id}")
    @PreAuthorize(PipelinePermissions.STAFF)
    public RawInput get(@PathVariable long id) {
        return inputs.get(id);
    }

    @PostMapping("/api/v1/inputs/{id}/replay")
    @PreAuthorize(PipelinePermissions.OPERATE)
    public RawInput replayInput(@PathVariable long id) {
        return inputs.replayInput(id);
    }

    @GetMapping("/api/v1/quarantine")
    @PreAuthorize(PipelinePermissions.STAFF)
    public PageResult<QuarantineEntry> quarantine(@RequestParam(required = false) Long inputId,
            @RequestParam(defaultValue = "false") boolean open, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return inputs.quarantine(inputId, open, PageRequest.of(page, size));
    }

    @PostMapping("/api/v1/quarantine/{id}/replay")
    @PreAuthorize(PipelinePermissions.OPERATE)
    public QuarantineEntry replay(@PathVariable long id) {
        return inputs.replayEntry(id);
    }
}
