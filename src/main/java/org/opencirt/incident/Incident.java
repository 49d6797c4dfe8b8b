package org.opencirt.incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencirt.common.Tlp;

/**
 * An incident as every reader sees it (API, UI, exports); what triage made of one or more reports.
 *
 * @param organisations the affected organisations
 * @param recipients    users named as recipients of a TLP:RED incident
 */
public record Incident(long id, String title, String description, String classificationTaxonomy,
        String classificationType, Severity severity, String impact, Tlp tlp, Pap pap, IncidentState state,
        Long handlingTeamId, String handlingTeamName, Long assigneeId, String assigneeName, List<String> tags,
        Map<String, String> customFields, List<AffectedOrganisation> organisations, List<Long> recipients,
        Long createdById, String createdBy, Instant createdAt, Instant updatedAt, Instant responseDue,
        Instant resolutionDue,
        Instant firstResponseAt, Instant resolvedAt, Instant closedAt, Instant escalatedAt, Long mergedIntoId,
        boolean demo) {

    /** Subject tag that brings replies back to this incident: {@code [OpenCIRT #42]}. */
    public String tag() {
        return "[OpenCIRT #" + id + "]";
    }

    /** An organisation the incident affects. */
    public record AffectedOrganisation(long id, String name, Long sectorId) {
    }

    /**
     * What a client sends to open or change an incident. On update, a null field keeps its value; lists replace.
     */
    public record Input(String title, String description, String classificationType, Severity severity,
            String impact, String tlp, Pap pap, Long handlingTeamId, Long assigneeId, List<String> tags,
            Map<String, String> customFields, List<Long> organisationIds, List<Long> recipients) {
    }
}
