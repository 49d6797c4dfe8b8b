package org.opencirt.constituency;

import java.util.List;

/**
 * The answer to “who is responsible for X?”: the owning organisation and the asset that matched, the team
 * responsible for it (its sectoral CIRT, else the national CIRT) and whom to contact. {@code found} is false
 * when nobody in the constituency owns X.
 */
public record Responsibility(String query, String queryType, String lookedUp, boolean found, String matchedKind,
        String matchedValue, Organisation organisation, Team responsibleTeam, List<Contact> contacts,
        List<Contact> teamContacts) {

    static Responsibility notFound(String query, String type, String lookedUp) {
        return new Responsibility(query, type, lookedUp, false, null, null, null, null, List.of(), List.of());
    }
}
