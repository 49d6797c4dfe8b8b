package org.opencirt.identity;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of the current request, as other features need it: which role and which organisation,
 * so that a CONSTITUENT is limited to its own organisation's data everywhere.
 */
public record CurrentUser(long id, String username, String displayName, Role role, Long organisationId) {

    /** The authenticated OpenCIRT user of this thread, if any. */
    public static Optional<CurrentUser> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Principal principal) {
            return Optional.of(principal.currentUser());
        }
        return Optional.empty();
    }

    /** True for roles that see the whole constituency (not limited to one organisation). */
    public boolean seesWholeConstituency() {
        return role != Role.CONSTITUENT && role != Role.PARTNER;
    }

    public boolean hasRole(Role... roles) {
        for (Role candidate : roles) {
            if (candidate == role) {
                return true;
            }
        }
        return false;
    }

    /** Implemented by the security principal so that features need not know how users authenticate. */
    public interface Principal {
        CurrentUser currentUser();
    }
}
