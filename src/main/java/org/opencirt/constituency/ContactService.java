package org.opencirt.constituency;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.Texts;
import org.opencirt.common.Validation;
import org.opencirt.constituency.internal.Access;
import org.opencirt.constituency.internal.ContactRepository;
import org.opencirt.constituency.internal.OpenPgpKeys;
import org.opencirt.constituency.internal.OrganisationRepository;
import org.opencirt.constituency.internal.TeamRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Maintains contacts of organisations and teams, with languages and validated OpenPGP keys. */
@Service
public class ContactService {

    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    /** Size of the languages column. */
    private static final int MAX_LANGUAGES_LENGTH = 100;

    private final ContactRepository contacts;
    private final OrganisationRepository organisations;
    private final TeamRepository teams;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    public ContactService(ContactRepository contacts, OrganisationRepository organisations, TeamRepository teams,
            AuditLog audit) {
        this.contacts = contacts;
        this.organisations = organisations;
        this.teams = teams;
        this.audit = audit;
    }

    @Transactional
    public Contact create(Contact.Input input) {
        return create(input, false);
    }

    @Transactional
    public Contact create(Contact.Input input, boolean demo) {
        Contact.Input clean = validate(input);
        long id = contacts.insert(clean, fingerprintOf(clean), demo, clock.instant());
        Contact created = get(id);
        audit.record("CREATE", "contact", id, "contact " + created.email(), null, created);
        return created;
    }

    @Transactional
    public Contact update(long id, Contact.Input input) {
        Contact before = get(id);
        Contact.Input clean = validate(input);
        contacts.update(id, clean, fingerprintOf(clean), clock.instant());
        Contact after = get(id);
        audit.record("UPDATE", "contact", id, "contact " + after.email(), before, after);
        return after;
    }

    @Transactional
    public void delete(long id) {
        Contact before = get(id);
        contacts.delete(id);
        audit.record("DELETE", "contact", id, "contact " + before.email(), before, null);
    }

    @Transactional(readOnly = true)
    public Contact get(long id) {
        Contact contact = contacts.findById(id).orElseThrow(() -> new NotFoundException("Contact", id));
        if (contact.organisationId() != null) {
            Access.requireVisible("Contact", id, contact.organisationId());
        }
        return contact;
    }

    @Transactional(readOnly = true)
    public List<Contact> ofOrganisation(long organisationId) {
        Access.requireVisible("Organisation", organisationId, organisationId);
        return contacts.findByOrganisation(organisationId);
    }

    @Transactional(readOnly = true)
    public List<Contact> ofTeam(long teamId) {
        return contacts.findByTeam(teamId);
    }

    @Transactional(readOnly = true)
    public List<Contact> all() {
        return contacts.findAll().stream()
                .filter(c -> c.organisationId() == null || Access.canSee(c.organisationId())).toList();
    }

    @Transactional(readOnly = true)
    public PageResult<Contact> search(String text, Long organisationId, Long teamId, ContactKind kind,
            PageRequest page) {
        Long only = Access.restrictedTo();
        if (only != null) {
            if (organisationId != null && !organisationId.equals(only)) {
                return new PageResult<>(List.of(), page.page(), page.size(), 0);
            }
            if (teamId == null) {
                organisationId = only;
            }
        }
        return contacts.search(text, organisationId, teamId, kind, page);
    }

    public Contact.Input validate(Contact.Input input) {
        Validation validation = new Validation()
                .require(input.kind() != null, "kind", "must be one of " + List.of(ContactKind.values()))
                .requireText(input.name(), "name", 200)
                .requireText(input.email(), "email", 320)
                .maxLength(input.phone(), "phone", 50)
                .maxLength(input.notes(), "notes", 1000)
                .require((input.organisationId() == null) != (input.teamId() == null), "organisationId",
                        "give either an organisation or a team");
        if (input.email() != null && !input.email().isBlank()) {
            validation.require(EmailAddresses.isValid(input.email().trim()), "email",
                    "'" + input.email().trim() + "' is not an e-mail address");
        }
        if (input.organisationId() != null && organisations.findById(input.organisationId()).isEmpty()) {
            validation.add("organisationId", "no organisation " + input.organisationId());
        }
        if (input.teamId() != null && teams.findById(input.teamId()).isEmpty()) {
            validation.add("teamId", "no team " + input.teamId());
        }
        List<String> languages = new ArrayList<>();
        if (input.languages() != null) {
            for (String language : input.languages()) {
                if (language == null || language.isBlank()) {
                    continue;
                }
                String code = language.trim().toLowerCase(Locale.ROOT);
                if (LANGUAGES.contains(code)) {
                    if (!languages.contains(code)) {
                        languages.add(code);
                    }
                } else {
                    validation.add("languages", "'" + language.trim() + "' is not an ISO 639-1 language code");
                }
            }
        }
        validation.require(String.join(",", languages).length() <= MAX_LANGUAGES_LENGTH, "languages",
                "list is too long");
        String key = Texts.blankToNull(input.pgpPublicKey());
        if (key != null) {
            try {
                OpenPgpKeys.fingerprint(key);
            } catch (IllegalArgumentException e) {
                validation.add("pgpPublicKey", e.getMessage());
            }
        }
        validation.throwIfInvalid();
        return new Contact.Input(input.organisationId(), input.teamId(), input.kind(), input.name().trim(),
                input.email().trim(), Texts.blankToNull(input.phone()), input.available24x7(),
                List.copyOf(languages), key, Texts.blankToNull(input.notes()));
    }

    private static String fingerprintOf(Contact.Input clean) {
        return clean.pgpPublicKey() == null ? null : OpenPgpKeys.fingerprint(clean.pgpPublicKey());
    }
}
