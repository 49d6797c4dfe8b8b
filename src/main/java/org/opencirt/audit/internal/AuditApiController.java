package org.opencirt.audit.internal;

import org.opencirt.audit.AuditEntry;
import org.opencirt.audit.AuditLog;
import org.opencirt.audit.ChainVerification;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read access to the audit log for administrators and auditors, so that an external auditor or a SIEM can pull
 * the log and check its chain without database access.
 */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
public class AuditApiController {

    private final AuditLog audit;

    public AuditApiController(AuditLog audit) {
        this.audit = audit;
    }

    /** Newest first; filters are exact matches except {@code from} (inclusive) and {@code to} (exclusive). */
    @GetMapping
    public PageResult<AuditEntry> search(@ParameterObject AuditFilter filter,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return audit.search(filter.toQuery(), PageRequest.of(page, size));
    }

    /** Recomputes the whole chain; {@code intact=false} names the first broken entry. */
    @GetMapping("/verify")
    public ChainVerification verify() {
        return audit.verify();
    }
}
