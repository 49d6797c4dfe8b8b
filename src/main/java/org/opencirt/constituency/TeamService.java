package org.opencirt.constituency;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.Countries;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.SqlSupport;
import org.opencirt.common.Texts;
import org.opencirt.common.Validation;
import org.opencirt.constituency.internal.OrganisationRepository;
import org.opencirt.constituency.internal.SectorRepository;
import org.opencirt.constituency.internal.TeamRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Maintains teams. Teams are a directory every user may read (a constituent must know its CIRT); only
 * one national CIRT per country, and a sectoral CIRT must say which sector it serves.
 */
@Service
public class TeamService {

    private final TeamRepository teams;
    private final SectorRepository sectors;
    private final OrganisationRepository organisations;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    public TeamService(TeamRepository teams, SectorRepository sectors, OrganisationRepository organisations,
            AuditLog audit) {
        this.teams = teams;
        this.sectors = sectors;
        this.organisations = organisations;
        this.audit = audit;
    }

    @Transactional
    public Team create(Team.Input input) {
        return create(input, false);
    }

    @Transactional
    public Team create(Team.Input input, boolean demo) {
        Team.Input clean = validate(input, null);
        long id = teams.insert(clean, demo, clock.instant());
        Team created = get(id);
        audit.record("CREATE", "team", id, "team " + created.name(), null, created);
        return created;
    }

    @Transactional
    public Team update(long id, Team.Input input) {
        Team before = get(id);
        teams.update(id, validate(input, id), clock.instant());
        Team after = get(id);
        audit.record("UPDATE", "team", id, "team " + after.name(), before, after);
        return after;
    }

    @Transactional
    public void delete(long id) {
        Team before = get(id);
        teams.delete(id);
        audit.record("DELETE", "team", id, "team " + before.name(), before, null);
    }

    @Transactional(readOnly = true)
    public Team get(long id) {
        return teams.findById(id).orElseThrow(() -> new NotFoundException("Team", id));
    }

    @Transactional(readOnly = true)
    public List<Team> all() {
        return teams.findAll();
    }

    @Transactional(readOnly = true)
    public PageResult<Team> search(String text, TeamKind kind, Long sectorId, String country, PageRequest page) {
        return teams.search(text, kind, sectorId, country, page);
    }

    /** The national CIRT of this installation, if one is registered. */
    @Transactional(readOnly = true)
    public Optional<Team> nationalCirt() {
        return teams.findByKind(TeamKind.NATIONAL_CIRT).stream().findFirst();
    }

    public Team.Input validate(Team.Input input, Long id) {
        Validation validation = new Validation()
                .requireText(input.name(), "name", 300)
                .maxLength(input.shortName(), "shortName", 50)
                .require(input.kind() != null, "kind", "must be one of " + List.of(TeamKind.values()))
                .require(Countries.isKnown(input.country()), "country",
                        "'" + input.country() + "' is not an ISO 3166 alpha-2 country code");
        if (input.kind() == TeamKind.SECTORAL_CIRT) {
            validation.require(input.sectorId() != null, "sectorId", "is required for a sectoral CIRT");
        }
        if (input.sectorId() != null && sectors.findById(input.sectorId()).isEmpty()) {
            validation.add("sectorId", "no sector " + input.sectorId());
        }
        if (input.organisationId() != null && organisations.findById(input.organisationId()).isEmpty()) {
            validation.add("organisationId", "no organisation " + input.organisationId());
        }
        Team.Rfc2350 profile = tidy(input.profile() == null ? Team.Rfc2350.empty() : input.profile());
        if (profile.email() != null) {
            validation.require(EmailAddresses.isValid(profile.email()), "profile.email",
                    "'" + profile.email() + "' is not an e-mail address");
        }
        checkLengths(profile, validation);
        validation.require(SqlSupport.joinList(input.memberships()) == null
                || SqlSupport.joinList(input.memberships()).length() <= 500, "memberships", "list is too long");
        if (input.name() != null && !input.name().isBlank()) {
            teams.findByName(input.name().trim()).filter(other -> id == null || other.id() != id)
                    .ifPresent(other -> validation.add("name", "a team named '" + other.name() + "' already exists"));
        }
        if (input.kind() == TeamKind.NATIONAL_CIRT && Countries.isKnown(input.country())) {
            teams.findByKind(TeamKind.NATIONAL_CIRT).stream()
                    .filter(other -> other.country().equals(Countries.normalise(input.country())))
                    .filter(other -> id == null || other.id() != id)
                    .findFirst()
                    .ifPresent(other -> validation.add("kind", "'" + other.name()
                            + "' is already the national CIRT of " + other.country()));
        }
        validation.throwIfInvalid();
        return new Team.Input(input.name().trim(), Texts.blankToNull(input.shortName()), input.kind(),
                Countries.normalise(input.country()), input.organisationId(), input.sectorId(),
                input.memberships() == null ? List.of() : SqlSupport.splitList(SqlSupport.joinList(input.memberships())),
                profile);
    }

    /** The profile with blank fields as null, so that a form's empty inputs read as “not given”. */
    private static Team.Rfc2350 tidy(Team.Rfc2350 p) {
        return new Team.Rfc2350(Texts.blankToNull(p.email()), Texts.blankToNull(p.phone()),
                Texts.blankToNull(p.website()), Texts.blankToNull(p.address()), Texts.blankToNull(p.timeZone()),
                Texts.blankToNull(p.mission()), Texts.blankToNull(p.constituencyScope()),
                Texts.blankToNull(p.sponsorship()), Texts.blankToNull(p.authority()),
                Texts.blankToNull(p.serviceHours()), Texts.blankToNull(p.languages()),
                Texts.blankToNull(p.incidentPolicy()), Texts.blankToNull(p.cooperationPolicy()),
                Texts.blankToNull(p.communicationPolicy()), Texts.blankToNull(p.services()),
                Texts.blankToNull(p.reportingForms()), Texts.blankToNull(p.disclaimers()), p.updatedOn());
    }

    /** The column sizes of the profile, as field messages rather than a database error. */
    private static void checkLengths(Team.Rfc2350 p, Validation validation) {
        validation.maxLength(p.email(), "profile.email", 320)
                .maxLength(p.phone(), "profile.phone", 50)
                .maxLength(p.website(), "profile.website", 500)
                .maxLength(p.address(), "profile.address", 1000)
                .maxLength(p.timeZone(), "profile.timeZone", 60)
                .maxLength(p.mission(), "profile.mission", 4000)
                .maxLength(p.constituencyScope(), "profile.constituencyScope", 4000)
                .maxLength(p.sponsorship(), "profile.sponsorship", 2000)
                .maxLength(p.authority(), "profile.authority", 2000)
                .maxLength(p.serviceHours(), "profile.serviceHours", 500)
                .maxLength(p.languages(), "profile.languages", 200)
                .maxLength(p.incidentPolicy(), "profile.incidentPolicy", 4000)
                .maxLength(p.cooperationPolicy(), "profile.cooperationPolicy", 4000)
                .maxLength(p.communicationPolicy(), "profile.communicationPolicy", 4000)
                .maxLength(p.services(), "profile.services", 4000)
                .maxLength(p.reportingForms(), "profile.reportingForms", 1000)
                .maxLength(p.disclaimers(), "profile.disclaimers", 2000);
    }
}
