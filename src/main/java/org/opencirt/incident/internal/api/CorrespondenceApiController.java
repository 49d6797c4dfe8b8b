package org.opencirt.incident.internal.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.opencirt.incident.Correspondence;
import org.opencirt.incident.CorrespondenceService;
import org.opencirt.incident.internal.IncidentPermissions;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An incident's correspondence over HTTP: staff write to the affected organisations (one signed mail each);
 * everyone who may read the incident lists the mails it may see, and downloads them as sent or received.
 */
@RestController
@RequestMapping("/api/v1/incidents/{id}/correspondence")
public class CorrespondenceApiController {

    private final CorrespondenceService correspondence;

    public CorrespondenceApiController(CorrespondenceService correspondence) {
        this.correspondence = correspondence;
    }

    @GetMapping
    @PreAuthorize(IncidentPermissions.READ)
    public List<Correspondence> list(@PathVariable long id) {
        return correspondence.list(id);
    }

    /** Sends one mail per organisation (and one to further addresses); each comes back SENT or FAILED. */
    @PostMapping
    @PreAuthorize(IncidentPermissions.WORK)
    @ResponseStatus(HttpStatus.CREATED)
    public List<Correspondence> send(@PathVariable long id, @RequestBody Correspondence.Request request) {
        return correspondence.send(id, request);
    }

    @GetMapping("/{mailId}")
    @PreAuthorize(IncidentPermissions.READ)
    public Correspondence get(@PathVariable long id, @PathVariable long mailId) {
        return correspondence.get(id, mailId);
    }

    /** The message exactly as sent or received (RFC 822), as a download: it may be hostile. */
    @GetMapping("/{mailId}/raw")
    @PreAuthorize(IncidentPermissions.READ)
    public void raw(@PathVariable long id, @PathVariable long mailId, HttpServletResponse response)
            throws IOException {
        try (InputStream in = correspondence.openRaw(id, mailId)) {
            response.setContentType("message/rfc822");
            response.setHeader("Content-Disposition", ContentDisposition.attachment()
                    .filename("incident-" + id + "-mail-" + mailId + ".eml").build().toString());
            response.setHeader("X-Content-Type-Options", "nosniff");
            try (OutputStream out = response.getOutputStream()) {
                in.transferTo(out);
            }
        }
    }
}
