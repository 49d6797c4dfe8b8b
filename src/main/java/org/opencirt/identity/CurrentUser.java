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

    /**
     * The one organisation the caller's data access is limited to, or null when it sees everything (staff, or no
     * user at all: system work). A limited user without an organisation gets -1, which matches nothing.
     */
    public static Long restrictedOrganisation() {
        return get().filter(user -> !user.seesWholeConstituency())
                .map(user -> user.organisationId() == null ? -1L : user.organisationId()).orElse(null);
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
