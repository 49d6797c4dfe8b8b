package org.opencirt.constituency.internal.transfer;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.opencirt.common.Validation;
import org.opencirt.constituency.ConstituencyTransfer.Dataset;
import org.opencirt.constituency.Team;
import org.opencirt.constituency.TeamKind;
import org.opencirt.constituency.TeamService;
import org.opencirt.constituency.internal.OrganisationRepository;
import org.opencirt.constituency.internal.TeamRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Teams in files: found again by name; host organisation and sector given by name, the RFC 2350 description as
 * {@code profile.*} columns (a nested {@code profile} object in JSON). Teams are a directory every user may read.
 */
@Component
class TeamRecords extends RecordType {

    private static final List<String> PROFILE = List.of("email", "phone", "website", "address", "timeZone", "mission",
            "constituencyScope", "sponsorship", "authority", "serviceHours", "languages", "incidentPolicy",
            "cooperationPolicy", "communicationPolicy", "services", "reportingForms", "disclaimers", "updatedOn");

    private final TeamService teams;
    private final TeamRepository repository;
    private final OrganisationRepository organisations;
    private final References references;
    private final String defaultCountry;

    TeamRecords(TeamService teams, TeamRepository repository, OrganisationRepository organisations,
            References references, @Value("${opencirt.country:XC}") String defaultCountry) {
        super(Dataset.TEAMS, Stream.concat(Stream.of("name", "shortName", "kind", "country", "organisation", "sector",
                "memberships"), PROFILE.stream().map(field -> "profile." + field)).toList(), List.of("name", "kind"),
                "name");
        this.teams = teams;
        this.repository = repository;
        this.organisations = organisations;
        this.references = references;
        this.defaultCountry = defaultCountry;
    }

    @Override
    public List<Map<String, Object>> export() {
        Map<Long, String> organisationNames = new HashMap<>();
        organisations.findAll().forEach(organisation -> organisationNames.put(organisation.id(), organisation.name()));
        return teams.all().stream().map(team -> row(team, organisationNames)).toList();
    }

    private static Map<String, Object> row(Team team, Map<Long, String> organisationNames) {
        Team.Rfc2350 p = team.profile();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", team.name());
        row.put("shortName", team.shortName());
        row.put("kind", team.kind().name());
        row.put("country", team.country());
        row.put("organisation", team.organisationId() == null ? null : organisationNames.get(team.organisationId()));
        row.put("sector", team.sectorName());
        row.put("memberships", team.memberships());
        List<Object> values = Arrays.asList(p.email(), p.phone(), p.website(), p.address(), p.timeZone(),
                p.mission(), p.constituencyScope(), p.sponsorship(), p.authority(), p.serviceHours(), p.languages(),
                p.incidentPolicy(), p.cooperationPolicy(), p.communicationPolicy(), p.services(), p.reportingForms(),
                p.disclaimers(), p.updatedOn() == null ? null : p.updatedOn().toString());
        for (int i = 0; i < PROFILE.size(); i++) {
            row.put("profile." + PROFILE.get(i), values.get(i));
        }
        return row;
    }

    @Override
    public Session start() {
        return row -> {
            Validation parsing = new Validation();
            String country = row.text("country");
            LocalDate updatedOn = row.date("profile.updatedOn", parsing);
            Team.Rfc2350 profile = new Team.Rfc2350(row.text("profile.email"), row.text("profile.phone"),
                    row.text("profile.website"), row.text("profile.address"), row.text("profile.timeZone"),
                    row.text("profile.mission"), row.text("profile.constituencyScope"),
                    row.text("profile.sponsorship"), row.text("profile.authority"), row.text("profile.serviceHours"),
                    row.text("profile.languages"), row.text("profile.incidentPolicy"),
                    row.text("profile.cooperationPolicy"), row.text("profile.communicationPolicy"),
                    row.text("profile.services"), row.text("profile.reportingForms"), row.text("profile.disclaimers"),
                    updatedOn);
            Team.Input input = new Team.Input(row.text("name"), row.text("shortName"),
                    row.enumValue("kind", TeamKind.class, parsing), country == null ? defaultCountry : country,
                    references.organisation(row, "organisation", parsing), references.sector(row, "sector", parsing),
                    row.list("memberships"), profile);
            return save(parsing, input, input.name() == null ? null : repository.findByName(input.name()).orElse(null),
                    Team::id, t -> new Team.Input(t.name(), t.shortName(), t.kind(), t.country(), t.organisationId(),
                            t.sectorId(), t.memberships(), t.profile()),
                    teams::validate, teams::create, teams::update);
        };
    }
}
