package org.opencirt.constituency;

import java.time.Clock;
import java.util.List;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.ConflictException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.Texts;
import org.opencirt.common.Validation;
import org.opencirt.constituency.internal.SectorRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Maintains sectors; names are unique regardless of case. */
@Service
public class SectorService {

    private final SectorRepository sectors;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    public SectorService(SectorRepository sectors, AuditLog audit) {
        this.sectors = sectors;
        this.audit = audit;
    }

    @Transactional
    public Sector create(Sector.Input input) {
        return create(input, false);
    }

    /** Creates a sector, marked as demo data when it belongs to the fictional demo country. */
    @Transactional
    public Sector create(Sector.Input input, boolean demo) {
        Sector.Input clean = validate(input, null);
        long id = sectors.insert(clean, demo, clock.instant());
        Sector created = get(id);
        audit.record("CREATE", "sector", id, "sector " + created.name(), null, created);
        return created;
    }

    @Transactional
    public Sector update(long id, Sector.Input input) {
        Sector before = get(id);
        sectors.update(id, validate(input, id), clock.instant());
        Sector after = get(id);
        audit.record("UPDATE", "sector", id, "sector " + after.name(), before, after);
        return after;
    }

    @Transactional
    public void delete(long id) {
        Sector before = get(id);
        if (sectors.countOrganisations(id) > 0) {
            throw new ConflictException("Sector '" + before.name()
                    + "' still has organisations or teams; move them to another sector first");
        }
        sectors.delete(id);
        audit.record("DELETE", "sector", id, "sector " + before.name(), before, null);
    }

    @Transactional(readOnly = true)
    public Sector get(long id) {
        return sectors.findById(id).orElseThrow(() -> new NotFoundException("Sector", id));
    }

    @Transactional(readOnly = true)
    public List<Sector> all() {
        return sectors.findAll();
    }

    @Transactional(readOnly = true)
    public PageResult<Sector> search(String text, PageRequest page) {
        return sectors.search(text, page);
    }

    /** Checks a sector's input; the returned copy is trimmed. Used by import's dry run too. */
    public Sector.Input validate(Sector.Input input, Long id) {
        Validation validation = new Validation()
                .requireText(input.name(), "name", 200)
                .maxLength(input.description(), "description", 2000);
        validation.throwIfInvalid();
        Sector.Input clean = new Sector.Input(input.name().trim(), Texts.blankToNull(input.description()),
                input.criticalInfrastructure());
        sectors.findByName(clean.name()).filter(other -> id == null || other.id() != id)
                .ifPresent(other -> validation.add("name", "a sector named '" + other.name() + "' already exists"));
        validation.throwIfInvalid();
        return clean;
    }
}
