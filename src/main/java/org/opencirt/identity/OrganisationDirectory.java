package org.opencirt.identity;

import java.util.Optional;

/**
 * What identity needs to know about organisations (which are owned by the constituency feature):
 * implemented there, so that identity never depends on the constituency's tables or services.
 */
public interface OrganisationDirectory {

    /** The organisation's display name, or empty when no such organisation exists. */
    Optional<String> organisationName(long organisationId);
}
