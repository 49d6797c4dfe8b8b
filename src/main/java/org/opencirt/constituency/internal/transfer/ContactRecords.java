package org.opencirt.constituency.internal.transfer;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencirt.common.Validation;
import org.opencirt.constituency.ConstituencyTransfer.Dataset;
import org.opencirt.constituency.Contact;
import org.opencirt.constituency.ContactKind;
import org.opencirt.constituency.ContactService;
import org.opencirt.constituency.internal.ContactRepository;
import org.opencirt.constituency.internal.OrganisationRepository;
import org.opencirt.constituency.internal.TeamRepository;
import org.springframework.stereotype.Component;

/**
 * Contacts in files: found again by their organisation (or team) and e-mail address; organisation and team given
 * by name. The OpenPGP fingerprint is not a column: it is computed from the key.
 */
@Component
class ContactRecords extends RecordType {

    private final ContactService contacts;
    private final ContactRepository repository;
    private final OrganisationRepository organisations;
    private final TeamRepository teams;
    private final References references;

    ContactRecords(ContactService contacts, ContactRepository repository, OrganisationRepository organisations,
            TeamRepository teams, References references) {
        super(Dataset.CONTACTS, List.of("organisation", "team", "kind", "name", "email", "phone", "available24x7",
                "languages", "pgpPublicKey", "notes"), List.of("kind", "name", "email"), "email");
        this.contacts = contacts;
        this.repository = repository;
        this.organisations = organisations;
        this.teams = teams;
        this.references = references;
    }

    @Override
    public List<Map<String, Object>> export() {
        Map<Long, String> organisationNames = new HashMap<>();
        organisations.findAll().forEach(organisation -> organisationNames.put(organisation.id(), organisation.name()));
        Map<Long, String> teamNames = new HashMap<>();
        teams.findAll().forEach(team -> teamNames.put(team.id(), team.name()));
        return contacts.all().stream().map(contact -> row(contact, organisationNames, teamNames))
                .sorted(Comparator.comparing((Map<String, Object> row) -> String.valueOf(row.get("organisation")))
                        .thenComparing(row -> String.valueOf(row.get("team")))
                        .thenComparing(row -> String.valueOf(row.get("email"))))
                .toList();
    }

    private static Map<String, Object> row(Contact contact, Map<Long, String> organisationNames,
            Map<Long, String> teamNames) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("organisation",
                contact.organisationId() == null ? null : organisationNames.get(contact.organisationId()));
        row.put("team", contact.teamId() == null ? null : teamNames.get(contact.teamId()));
        row.put("kind", contact.kind().name());
        row.put("name", contact.name());
        row.put("email", contact.email());
        row.put("phone", contact.phone());
        row.put("available24x7", contact.available24x7());
        row.put("languages", contact.languages());
        row.put("pgpPublicKey", contact.pgpPublicKey());
        row.put("notes", contact.notes());
        return row;
    }

    @Override
    public Object key(SourceRow row) {
        String email = row.text("email");
        if (email == null) {
            return null;
        }
        String organisation = row.text("organisation");
        String owner = organisation != null ? "organisation " + organisation : "team " + row.text("team");
        return caseInsensitive(owner + " " + email);
    }

    @Override
    public Session start() {
        return row -> {
            Validation parsing = new Validation();
            Contact.Input input = new Contact.Input(references.organisation(row, "organisation", parsing),
                    references.team(row, "team", parsing), row.enumValue("kind", ContactKind.class, parsing),
                    row.text("name"), row.text("email"), row.text("phone"), row.bool("available24x7", parsing),
                    row.list("languages"), row.text("pgpPublicKey"), row.text("notes"));
            return save(parsing, input, existing(input), Contact::id,
                    c -> new Contact.Input(c.organisationId(), c.teamId(), c.kind(), c.name(), c.email(), c.phone(),
                            c.available24x7(), c.languages(), c.pgpPublicKey(), c.notes()),
                    (valid, id) -> contacts.validate(valid), contacts::create, contacts::update);
        };
    }

    private Contact existing(Contact.Input input) {
        if (input.email() == null || (input.organisationId() == null) == (input.teamId() == null)) {
            return null;
        }
        List<Contact> candidates = input.organisationId() != null
                ? repository.findByOrganisation(input.organisationId()) : repository.findByTeam(input.teamId());
        return candidates.stream().filter(contact -> contact.email().equalsIgnoreCase(input.email().trim()))
                .findFirst().orElse(null);
    }
}
