package org.opencirt.incident.internal.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencirt.common.InvalidInputException;
import org.opencirt.incident.Incident;
import org.opencirt.incident.Pap;
import org.opencirt.incident.Severity;

/**
 * The incident's fields as the new-incident and summary forms send them: tags comma-separated, custom fields one a
 * line as {@code name = value}, organisations and TLP:RED recipients picked from lists (none picked: none).
 */
record IncidentForm(String title, String description, String classificationType, Severity severity, String impact,
        String tlp, Pap pap, Long handlingTeamId, Long assigneeId, String tags, String customFields,
        List<Long> organisationIds, List<Long> recipients) {

    static final IncidentForm BLANK = new IncidentForm("", "", "", Severity.MEDIUM, "", "AMBER", Pap.AMBER, null,
            null, "", "", List.of(), List.of());

    /** The form filled with what the incident says now. */
    static IncidentForm of(Incident incident) {
        return new IncidentForm(incident.title(), incident.description(), incident.classificationType(),
                incident.severity(), incident.impact(), incident.tlp().name(), incident.pap(),
                incident.handlingTeamId(), incident.assigneeId(), String.join(", ", incident.tags()),
                incident.customFields().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                        .collect(Collectors.joining("\n")),
                incident.organisations().stream().map(Incident.AffectedOrganisation::id).toList(),
                incident.recipients());
    }

    /** What the service takes; the handling team only from the new-incident form (later: hand-off). */
    Incident.Input input() {
        return new Incident.Input(title, description, classificationType, severity, impact, tlp, pap, handlingTeamId,
                assigneeId, tagList(), customFieldMap(), organisationIds == null ? List.of() : organisationIds,
                recipients == null ? List.of() : recipients);
    }

    public boolean affects(long organisationId) {
        return organisationIds != null && organisationIds.contains(organisationId);
    }

    public boolean names(long userId) {
        return recipients != null && recipients.contains(userId);
    }

    private List<String> tagList() {
        return tags == null ? List.of() : Arrays.stream(tags.split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
    }

    private Map<String, String> customFieldMap() {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (String line : customFields == null ? new String[0] : customFields.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int separator = line.indexOf('=');
            if (separator <= 0) {
                unreadable.add(line.strip());
            } else {
                fields.put(line.substring(0, separator).strip(), line.substring(separator + 1).strip());
            }
        }
        if (!unreadable.isEmpty()) {
            throw new InvalidInputException("customFields", "write one field a line as name = value, not '"
                    + unreadable.get(0) + "'");
        }
        return fields;
    }
}
