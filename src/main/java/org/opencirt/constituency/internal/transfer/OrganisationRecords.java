package org.opencirt.constituency.internal.transfer;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencirt.common.Validation;
import org.opencirt.constituency.ConstituencyTransfer.Dataset;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationKind;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.internal.OrganisationRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Organisations in files: found again by name; sector and parent organisation given by name. Exported parents
 * first, so that the file imports again; a missing country means this installation's country.
 */
@Component
class OrganisationRecords extends RecordType {

    private final OrganisationService organisations;
    private final OrganisationRepository repository;
    private final References references;
    private final String defaultCountry;

    OrganisationRecords(OrganisationService organisations, OrganisationRepository repository, References references,
            @Value("${opencirt.country:XC}") String defaultCountry) {
        super(Dataset.ORGANISATIONS, List.of("name", "shortName", "sector", "country", "kind", "parent", "website",
                "description"), List.of("name", "kind"), "name");
        this.organisations = organisations;
        this.repository = repository;
        this.references = references;
        this.defaultCountry = defaultCountry;
    }

    @Override
    public List<Map<String, Object>> export() {
        List<Organisation> all = organisations.all();
        Map<Long, Organisation> byId = new HashMap<>();
        all.forEach(organisation -> byId.put(organisation.id(), organisation));
        Map<Long, Integer> depth = new HashMap<>();
        all.forEach(organisation -> depth.put(organisation.id(), depth(organisation, byId)));
        return all.stream()
                .sorted(Comparator.comparing((Organisation o) -> depth.get(o.id())).thenComparing(Organisation::name))
                .map(OrganisationRecords::row).toList();
    }

    private static int depth(Organisation organisation, Map<Long, Organisation> byId) {
        int depth = 0;
        Organisation current = organisation;
        while (current.parentId() != null && byId.containsKey(current.parentId()) && depth < 100) {
            current = byId.get(current.parentId());
            depth++;
        }
        return depth;
    }

    private static Map<String, Object> row(Organisation organisation) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", organisation.name());
        row.put("shortName", organisation.shortName());
        row.put("sector", organisation.sectorName());
        row.put("country", organisation.country());
        row.put("kind", organisation.kind().name());
        row.put("parent", organisation.parentName());
        row.put("website", organisation.website());
        row.put("description", organisation.description());
        return row;
    }

    @Override
    public Session start() {
        return row -> {
            Validation parsing = new Validation();
            String country = row.text("country");
            Organisation.Input input = new Organisation.Input(row.text("name"), row.text("shortName"),
                    references.sector(row, "sector", parsing), country == null ? defaultCountry : country,
                    row.enumValue("kind", OrganisationKind.class, parsing),
                    references.organisation(row, "parent", parsing), row.text("website"), row.text("description"));
            return save(parsing, input, input.name() == null ? null : repository.findByName(input.name()).orElse(null),
                    Organisation::id, o -> new Organisation.Input(o.name(), o.shortName(), o.sectorId(), o.country(),
                            o.kind(), o.parentId(), o.website(), o.description()),
                    organisations::validate, organisations::create, organisations::update);
        };
    }
}
