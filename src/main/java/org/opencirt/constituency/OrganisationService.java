package org.opencirt.constituency;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.ConflictException;
import org.opencirt.common.Countries;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.Texts;
import org.opencirt.common.Validation;
import org.opencirt.constituency.internal.Access;
import org.opencirt.constituency.internal.AssetRepository;
import org.opencirt.constituency.internal.ContactRepository;
import org.opencirt.constituency.internal.LookupIndexHolder;
import org.opencirt.constituency.internal.OrganisationRepository;
import org.opencirt.constituency.internal.SectorRepository;
import org.opencirt.identity.UserService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Maintains the organisations of the constituency; a CONSTITUENT sees only its own. */
@Service
public class OrganisationService {

    private final OrganisationRepository organisations;
    private final SectorRepository sectors;
    private final AssetRepository assets;
    private final ContactRepository contacts;
    private final LookupIndexHolder index;
    private final AuditLog audit;
    private final UserService users;
    private final Clock clock = Clock.systemUTC();

    public OrganisationService(OrganisationRepository organisations, SectorRepository sectors, AssetRepository assets,
            ContactRepository contacts, LookupIndexHolder index, AuditLog audit, UserService users) {
        this.organisations = organisations;
        this.sectors = sectors;
        this.assets = assets;
        this.contacts = contacts;
        this.index = index;
        this.audit = audit;
        this.users = users;
    }

    @Transactional
    public Organisation create(Organisation.Input input) {
        return create(input, false);
    }

    @Transactional
    public Organisation create(Organisation.Input input, boolean demo) {
        Organisation.Input clean = validate(input, null);
        long id = organisations.insert(clean, demo, clock.instant());
        Organisation created = get(id);
        audit.record("CREATE", "organisation", id, "organisation " + created.name(), null, created);
        return created;
    }

    @Transactional
    public Organisation update(long id, Organisation.Input input) {
        Organisation before = get(id);
        organisations.update(id, validate(input, id), clock.instant());
        Organisation after = get(id);
        audit.record("UPDATE", "organisation", id, "organisation " + after.name(), before, after);
        return after;
    }

    /** Deletes an organisation with its assets and contacts; refused while sub-organisations or teams point at it. */
    @Transactional
    public void delete(long id) {
        Organisation before = get(id);
        if (organisations.countDependants(id) > 0) {
            throw new ConflictException("Organisation '" + before.name()
                    + "' still has sub-organisations or teams; move or delete them first");
        }
        if (users.countByOrganisation(id) > 0) {
            throw new ConflictException("Organisation '" + before.name()
                    + "' still has user accounts; move or disable them first");
        }
        List<NetworkAsset> owned = assets.findByOrganisation(id);
        List<Contact> reachable = contacts.findByOrganisation(id);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("organisation", before);
        state.put("assets", owned.stream().map(a -> a.kind() + " " + a.value()).toList());
        state.put("contacts", reachable.stream().map(Contact::email).toList());
        organisations.delete(id);
        audit.record("DELETE", "organisation", id, "organisation " + before.name() + " with " + owned.size()
                + " assets and " + reachable.size() + " contacts", state, null);
        if (!owned.isEmpty()) {
            index.rebuildAfterCommit();
        }
    }

    /** The organisation, if the caller may see it. */
    @Transactional(readOnly = true)
    public Organisation get(long id) {
        Organisation organisation = organisations.findById(id)
                .orElseThrow(() -> new NotFoundException("Organisation", id));
        Access.requireVisible("Organisation", id, organisation.id());
        return organisation;
    }

    /** The organisation's name if it exists and the caller may see it: a label next to a team or contact. */
    @Transactional(readOnly = true)
    public Optional<String> nameIfVisible(long id) {
        return Access.canSee(id) ? organisations.findById(id).map(Organisation::name) : Optional.empty();
    }

    @Transactional(readOnly = true)
    public List<Organisation> all() {
        Long only = Access.restrictedTo();
        return organisations.findAll().stream().filter(o -> only == null || only == o.id()).toList();
    }

    @Transactional(readOnly = true)
    public List<Organisation> children(long id) {
        get(id);
        return organisations.findChildren(id).stream().filter(o -> Access.canSee(o.id())).toList();
    }

    @Transactional(readOnly = true)
    public PageResult<Organisation> search(String text, Long sectorId, OrganisationKind kind, String country,
            PageRequest page) {
        return organisations.search(text, sectorId, kind, country, Access.restrictedTo(), page);
    }

    /** Checks an organisation's input against the rules and the existing constituency; returns it tidied. */
    public Organisation.Input validate(Organisation.Input input, Long id) {
        Validation validation = new Validation()
                .requireText(input.name(), "name", 300)
                .maxLength(input.shortName(), "shortName", 50)
                .maxLength(input.website(), "website", 500)
                .maxLength(input.description(), "description", 2000)
                .require(input.kind() != null, "kind", "must be one of " + List.of(OrganisationKind.values()))
                .require(Countries.isKnown(input.country()), "country",
                        "'" + input.country() + "' is not an ISO 3166 alpha-2 country code");
        if (input.sectorId() != null && sectors.findById(input.sectorId()).isEmpty()) {
            validation.add("sectorId", "no sector " + input.sectorId());
        }
        if (input.parentId() != null) {
            if (id != null && input.parentId().equals(id)) {
                validation.add("parentId", "an organisation cannot be its own parent");
            } else if (organisations.findById(input.parentId()).isEmpty()) {
                validation.add("parentId", "no organisation " + input.parentId());
            } else if (id != null && isAncestorOrSelf(id, input.parentId())) {
                validation.add("parentId", "would make a cycle of parent organisations");
            }
        }
        if (input.name() != null && !input.name().isBlank()) {
            organisations.findByName(input.name().trim()).filter(other -> id == null || other.id() != id)
                    .ifPresent(other -> validation.add("name",
                            "an organisation named '" + other.name() + "' already exists"));
        }
        validation.throwIfInvalid();
        return new Organisation.Input(input.name().trim(), Texts.blankToNull(input.shortName()), input.sectorId(),
                Countries.normalise(input.country()), input.kind(), input.parentId(),
                Texts.blankToNull(input.website()), Texts.blankToNull(input.description()));
    }

    /** Whether {@code ancestor} is {@code candidate} or one of its parents, grandparents... */
    private boolean isAncestorOrSelf(long ancestor, long candidate) {
        Long current = candidate;
        for (int depth = 0; current != null && depth < 100; depth++) {
            if (current == ancestor) {
                return true;
            }
            current = organisations.findById(current).map(Organisation::parentId).orElse(null);
        }
        return false;
    }
}
