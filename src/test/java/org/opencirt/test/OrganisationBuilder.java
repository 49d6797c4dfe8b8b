package org.opencirt.test;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the JSON body of an organisation for API tests, with sensible defaults. */
public final class OrganisationBuilder {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private OrganisationBuilder() {
        fields.put("name", "Organisation " + System.nanoTime());
        fields.put("country", "XC");
        fields.put("kind", "INDUSTRY");
    }

    public static OrganisationBuilder create() {
        return new OrganisationBuilder();
    }

    public OrganisationBuilder named(String name) {
        fields.put("name", name);
        return this;
    }

    public OrganisationBuilder inSector(long sectorId) {
        fields.put("sectorId", sectorId);
        return this;
    }

    public OrganisationBuilder country(String country) {
        fields.put("country", country);
        return this;
    }

    public OrganisationBuilder kind(String kind) {
        fields.put("kind", kind);
        return this;
    }

    public OrganisationBuilder parent(long parentId) {
        fields.put("parentId", parentId);
        return this;
    }

    public Map<String, Object> build() {
        return new LinkedHashMap<>(fields);
    }
}
