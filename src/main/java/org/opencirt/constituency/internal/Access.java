package org.opencirt.constituency.internal;

import org.opencirt.common.NotFoundException;
import org.opencirt.identity.CurrentUser;

/**
 * The constituency's one access rule: staff see everything; a CONSTITUENT or PARTNER sees only its own
 * organisation. Hidden records answer “not found”, so nobody learns that they exist.
 */
public final class Access {

    private Access() {
    }

    /** Null when the caller sees the whole constituency, otherwise the only organisation it may see. */
    public static Long restrictedTo() {
        return CurrentUser.restrictedOrganisation();
    }

    public static boolean canSee(Long organisationId) {
        Long only = restrictedTo();
        return only == null || only.equals(organisationId);
    }

    public static void requireVisible(String what, long id, Long organisationId) {
        if (!canSee(organisationId)) {
            throw new NotFoundException(what, id);
        }
    }
}
