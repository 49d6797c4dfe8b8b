package org.opencirt.audit;

import java.util.function.Supplier;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Through which door a change came in. Derived from the request (API path or UI) unless a bulk job
 * such as an import declares itself, so that auditors can tell a click from a file of 10,000 rows.
 */
public enum AuditChannel {
    UI, API, IMPORT, SYSTEM;

    private static final ThreadLocal<AuditChannel> OVERRIDE = new ThreadLocal<>();

    public static AuditChannel current() {
        AuditChannel declared = OVERRIDE.get();
        if (declared != null) {
            return declared;
        }
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return servlet.getRequest().getRequestURI().startsWith(servlet.getRequest().getContextPath() + "/api/")
                    ? API : UI;
        }
        return SYSTEM;
    }

    /** Runs work whose changes are audited as coming through the given channel. */
    public static <T> T callAs(AuditChannel channel, Supplier<T> work) {
        AuditChannel previous = OVERRIDE.get();
        OVERRIDE.set(channel);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(previous);
            }
        }
    }
}
