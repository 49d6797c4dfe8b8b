package org.opencirt.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the JSON body of an incident for API tests, with sensible defaults. */
public final class IncidentBuilder {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private IncidentBuilder() {
        fields.put("title", "Incident " + System.nanoTime());
        fields.put("description", "Phishing mails seen by several users");
        fields.put("classificationType", "phishing");
        fields.put("severity", "MEDIUM");
        fields.put("tlp", "AMBER");
    }

    public static IncidentBuilder create() {
        return new IncidentBuilder();
    }

    public IncidentBuilder titled(String title) {
        fields.put("title", title);
        return this;
    }

    public IncidentBuilder described(String description) {
        fields.put("description", description);
        return this;
    }

    public IncidentBuilder classified(String type) {
        fields.put("classificationType", type);
        return this;
    }

    public IncidentBuilder severity(String severity) {
        fields.put("severity", severity);
        return this;
    }

    public IncidentBuilder tlp(String tlp) {
        fields.put("tlp", tlp);
        return this;
    }

    public IncidentBuilder affecting(Long... organisationIds) {
        fields.put("organisationIds", List.of(organisationIds));
        return this;
    }

    public IncidentBuilder recipients(Long... userIds) {
        fields.put("recipients", List.of(userIds));
        return this;
    }

    public IncidentBuilder handledBy(long teamId) {
        fields.put("handlingTeamId", teamId);
        return this;
    }

    public IncidentBuilder tags(String... tags) {
        fields.put("tags", List.of(tags));
        return this;
    }

    public Map<String, Object> build() {
        return new LinkedHashMap<>(fields);
    }
}
