package org.opencirt.constituency.internal;

import java.util.Optional;
import org.opencirt.constituency.Organisation;
import org.opencirt.identity.OrganisationDirectory;
import org.springframework.stereotype.Component;

/** Tells identity which organisations exist, so that users can only be tied to real ones. */
@Component
public class ConstituencyOrganisationDirectory implements OrganisationDirectory {

    private final OrganisationRepository organisations;

    public ConstituencyOrganisationDirectory(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    @Override
    public Optional<String> organisationName(long organisationId) {
        return organisations.findById(organisationId).map(Organisation::name);
    }
}
