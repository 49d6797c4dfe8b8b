package org.opencirt.constituency.internal.transfer;

import java.util.Optional;
import java.util.function.Function;
import org.opencirt.common.Validation;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.Sector;
import org.opencirt.constituency.Team;
import org.opencirt.constituency.internal.OrganisationRepository;
import org.opencirt.constituency.internal.SectorRepository;
import org.opencirt.constituency.internal.TeamRepository;
import org.springframework.stereotype.Component;

/**
 * Resolves the names an import file uses for sectors, organisations and teams to their ids. Runs inside the
 * import's transaction, so a name defined by an earlier row of the same file is found too.
 */
@Component
public class References {

    private final SectorRepository sectors;
    private final OrganisationRepository organisations;
    private final TeamRepository teams;

    public References(SectorRepository sectors, OrganisationRepository organisations, TeamRepository teams) {
        this.sectors = sectors;
        this.organisations = organisations;
        this.teams = teams;
    }

    public Long sector(SourceRow row, String column, Validation validation) {
        return resolve(row, column, validation, "sector", sectors::findByName, Sector::id);
    }

    public Long organisation(SourceRow row, String column, Validation validation) {
        return resolve(row, column, validation, "organisation", organisations::findByName, Organisation::id);
    }

    public Long team(SourceRow row, String column, Validation validation) {
        return resolve(row, column, validation, "team", teams::findByName, Team::id);
    }

    private static <T> Long resolve(SourceRow row, String column, Validation validation, String what,
            Function<String, Optional<T>> byName, Function<T, Long> id) {
        String name = row.text(column);
        if (name == null) {
            return null;
        }
        Optional<T> found = byName.apply(name);
        if (found.isEmpty()) {
            validation.add(column, "no " + what + " named '" + name + "' exists or comes in an earlier row");
            return null;
        }
        return id.apply(found.get());
    }
}
