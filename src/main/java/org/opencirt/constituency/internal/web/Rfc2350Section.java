package org.opencirt.constituency.internal.web;

import java.util.Arrays;
import java.util.List;

/**
 * A section of a team's RFC 2350 profile with its fields, in the RFC's order: the one list from which both the
 * team page and the team form are laid out, so that they cannot drift apart.
 *
 * @param title  message key of the section heading
 * @param fields names of the {@link org.opencirt.constituency.Team.Rfc2350} components in the section
 */
record Rfc2350Section(String title, List<Field> fields) {

    static final List<Rfc2350Section> ALL = List.of(
            new Rfc2350Section("team.section.contact", List.of(line("email"), line("phone"), line("website"),
                    text("address"), line("timeZone"), line("serviceHours"), line("languages"))),
            new Rfc2350Section("team.section.charter", texts("mission", "constituencyScope", "sponsorship",
                    "authority")),
            new Rfc2350Section("team.section.policies", texts("incidentPolicy", "cooperationPolicy",
                    "communicationPolicy")),
            new Rfc2350Section("team.section.services", texts("services", "reportingForms", "disclaimers")));

    /** A profile field; {@code multiline} ones get a text area in the form. */
    record Field(String name, boolean multiline) {
    }

    private static Field line(String name) {
        return new Field(name, false);
    }

    private static Field text(String name) {
        return new Field(name, true);
    }

    private static List<Field> texts(String... names) {
        return Arrays.stream(names).map(Rfc2350Section::text).toList();
    }
}
