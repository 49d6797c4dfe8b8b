package org.opencirt.constituency.internal.transfer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.opencirt.common.FieldProblem;
import org.opencirt.common.InvalidInputException;
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

    /**
     * Runs a service's validation after the row's own parsing and reports both at once; a service complaint about a
     * column that already has a parsing problem (an unknown sector reported again as a missing one) is dropped.
     */
    public static <T> T validated(RecordType type, Validation parsing, Supplier<T> validate) {
        List<FieldProblem> problems = new ArrayList<>(parsing.problems());
        Set<String> blamed = new HashSet<>();
        problems.forEach(problem -> blamed.add(problem.field()));
        T clean = null;
        try {
            clean = validate.get();
        } catch (InvalidInputException e) {
            e.problems().stream().filter(problem -> !blamed.contains(type.column(problem.field())))
                    .forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return clean;
    }

    /** Creates the record when new, updates it when it differs, or leaves it. */
    public static <I> RecordType.Outcome upsert(I clean, I current, Runnable create, Runnable update) {
        if (current == null) {
            create.run();
            return RecordType.Outcome.CREATED;
        }
        if (current.equals(clean)) {
            return RecordType.Outcome.UNCHANGED;
        }
        update.run();
        return RecordType.Outcome.UPDATED;
    }
}
