package org.opencirt.notification.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.notification.DigestSettings;
import org.opencirt.notification.DigestSettingsService;
import org.opencirt.notification.Notification;
import org.opencirt.notification.NotificationService;
import org.opencirt.mail.SecureMailer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Notifications over HTTP, and the installation's signing key so constituents can verify what they receive. */
@RestController
@RequestMapping("/api/v1/notifications")
public class NotificationApiController {

    /** Staff, and a CONSTITUENT for its own organisation (the service filters). */
    static final String READ = "hasAnyRole('ADMIN','COORDINATOR','ANALYST','AUDITOR','CONSTITUENT')";

    private static final MediaType PGP_KEYS = MediaType.parseMediaType("application/pgp-keys");

    private final NotificationService notifications;
    private final SecureMailer mailer;
    private final DigestSettingsService settings;

    public NotificationApiController(NotificationService notifications, SecureMailer mailer,
            DigestSettingsService settings) {
        this.notifications = notifications;
        this.mailer = mailer;
        this.settings = settings;
    }

    @GetMapping
    @PreAuthorize(READ)
    public PageResult<Notification> search(@RequestParam(required = false) Long organisationId,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return notifications.search(organisationId, from, to, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @PreAuthorize(READ)
    public Notification get(@PathVariable long id) {
        return notifications.get(id);
    }

    /** The organisations whose digest settings differ from the installation's defaults. */
    @GetMapping("/settings")
    @PreAuthorize("hasAnyRole('ADMIN','COORDINATOR','ANALYST','AUDITOR')")
    public List<DigestSettings> settings() {
        return settings.list();
    }

    /** One organisation's digest settings (the defaults when none were set); a CONSTITUENT only its own. */
    @GetMapping("/settings/{organisationId}")
    @PreAuthorize(READ)
    public DigestSettings settings(@PathVariable long organisationId) {
        return settings.get(organisationId);
    }

    /** Changes how often and in which format the organisation gets digests; a new frequency starts at midnight UTC. */
    @PutMapping("/settings/{organisationId}")
    @PreAuthorize(NotificationPageController.CONFIGURE)
    public DigestSettings updateSettings(@PathVariable long organisationId, @RequestBody DigestSettings.Input input) {
        return settings.update(organisationId, input);
    }

    /** Armoured, as application/pgp-keys, whatever the client accepts: it is meant for gpg --import. */
    @GetMapping("/signing-key")
    @PreAuthorize("isAuthenticated()")
    public ResponseEntity<byte[]> signingKey() {
        return ResponseEntity.ok().contentType(PGP_KEYS).body(mailer.signingKey().getBytes(StandardCharsets.US_ASCII));
    }
}
