package org.opencirt.constituency.internal.transfer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencirt.common.Validation;
import org.opencirt.constituency.ConstituencyTransfer.Dataset;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.Sector;
import org.opencirt.constituency.SectorService;
import org.opencirt.constituency.internal.Access;
import org.opencirt.constituency.internal.SectorRepository;
import org.springframework.stereotype.Component;

/** Sectors in files: found again by name. A CONSTITUENT exports only its own organisation's sector. */
@Component
class SectorRecords extends RecordType {

    private final SectorService sectors;
    private final SectorRepository repository;
    private final OrganisationService organisations;

    SectorRecords(SectorService sectors, SectorRepository repository, OrganisationService organisations) {
        super(Dataset.SECTORS, List.of("name", "description", "criticalInfrastructure"), List.of("name"), "name");
        this.sectors = sectors;
        this.repository = repository;
        this.organisations = organisations;
    }

    @Override
    public List<Map<String, Object>> export() {
        List<Sector> visible = sectors.all();
        if (Access.restrictedTo() != null) {
            Set<Long> used = organisations.all().stream().map(Organisation::sectorId).filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            visible = visible.stream().filter(sector -> used.contains(sector.id())).toList();
        }
        return visible.stream().map(SectorRecords::row).toList();
    }

    private static Map<String, Object> row(Sector sector) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", sector.name());
        row.put("description", sector.description());
        row.put("criticalInfrastructure", sector.criticalInfrastructure());
        return row;
    }

    @Override
    public Session start() {
        return row -> {
            Validation parsing = new Validation();
            Sector.Input input = new Sector.Input(row.text("name"), row.text("description"),
                    row.bool("criticalInfrastructure", parsing));
            return save(parsing, input, input.name() == null ? null : repository.findByName(input.name()).orElse(null),
                    Sector::id, s -> new Sector.Input(s.name(), s.description(), s.criticalInfrastructure()),
                    sectors::validate, sectors::create, sectors::update);
        };
    }
}
