package org.opencirt.constituency;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencirt.constituency.internal.ContactRepository;
import org.opencirt.constituency.internal.LookupIndexHolder;
import org.opencirt.constituency.internal.OrganisationRepository;
import org.opencirt.constituency.internal.TeamRepository;
import org.opencirt.constituency.internal.lookup.Match;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one answer to “who is responsible for this IP, ASN, domain, URL or e-mail address?”. IPs use
 * longest-prefix match, ASNs exact match, domains the most specific owned suffix; URLs and e-mail
 * addresses are looked up by their host. The matching runs on an in-memory index; only the answer's
 * details (organisation, team, contacts) are read from the database.
 */
@Service
public class ResponsibilityLookup {

    /** What is being looked up. */
    public enum QueryType { IP, ASN, DOMAIN, URL, EMAIL }

    private final LookupIndexHolder index;
    private final OrganisationRepository organisations;
    private final TeamRepository teams;
    private final ContactRepository contacts;

    public ResponsibilityLookup(LookupIndexHolder index, OrganisationRepository organisations, TeamRepository teams,
            ContactRepository contacts) {
        this.index = index;
        this.organisations = organisations;
        this.teams = teams;
        this.contacts = contacts;
    }

    /**
     * Looks up a value of the given type. Malformed input is an IllegalArgumentException with a message for
     * the user; “nobody owns it” is an answer with {@code found == false}.
     */
    @Transactional(readOnly = true)
    public Responsibility lookup(QueryType type, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Give a value to look up");
        }
        String query = value.trim();
        String lookedUp;
        Match match;
        switch (type) {
            case IP -> {
                lookedUp = AssetValues.canonicalCidr(query);
                lookedUp = lookedUp.substring(0, lookedUp.indexOf('/'));
                match = index.fresh().matchIp(lookedUp);
            }
            case ASN -> {
                lookedUp = AssetValues.canonicalAsn(query);
                match = index.fresh().matchAsn(AssetValues.parseAsn(lookedUp));
            }
            case DOMAIN -> {
                lookedUp = AssetValues.canonicalDomain(query);
                match = index.fresh().matchDomain(lookedUp);
            }
            case URL -> {
                lookedUp = AssetValues.hostOfUrl(query);
                match = index.fresh().matchHost(lookedUp);
            }
            case EMAIL -> {
                lookedUp = AssetValues.domainOfEmail(query);
                match = index.fresh().matchDomain(lookedUp);
            }
            default -> throw new IllegalArgumentException("Unknown lookup type " + type);
        }
        String typeName = type.name().toLowerCase(Locale.ROOT);
        if (match == null) {
            return Responsibility.notFound(query, typeName, lookedUp);
        }
        Optional<Organisation> owner = organisations.findById(match.organisationId());
        if (owner.isEmpty()) {
            return Responsibility.notFound(query, typeName, lookedUp);
        }
        Organisation organisation = owner.get();
        Team team = responsibleTeam(organisation).orElse(null);
        return new Responsibility(query, typeName, lookedUp, true, match.kind().name(), match.value(), organisation,
                team, contactsOf(organisation), team == null ? List.of() : contacts.findByTeam(team.id()));
    }

    /** Organisation id owning an IP address, or -1: the allocation-free path for feed processing. */
    public long ownerOfIp(String address) {
        Match match = index.current().matchIp(address);
        return match == null ? -1 : match.organisationId();
    }

    /**
     * Organisation id owning an IPv4 address given as its 32 bits ({@code 192.0.2.1} is {@code 0xC0000201}), or -1.
     * The hot path of feed enrichment: no parsing, no boxing, and no allocation but the first time a prefix matches.
     */
    public long ownerOfIPv4(int address) {
        Match match = index.current().matchIPv4(address);
        return match == null ? -1 : match.organisationId();
    }

    /** Organisation id owning an AS number, or -1; allocation-free. */
    public long ownerOfAsn(long asn) {
        Match match = index.current().matchAsn(asn);
        return match == null ? -1 : match.organisationId();
    }

    /**
     * Organisation id owning a domain or host name (the most specific owned suffix), or -1; allocation-free for
     * lower-case ASCII names.
     */
    public long ownerOfDomain(String domain) {
        Match match = index.current().matchDomain(domain);
        return match == null ? -1 : match.organisationId();
    }

    /**
     * The team responsible for an organisation: the sectoral CIRT of its sector (or of its parent's sector),
     * else the national CIRT.
     */
    @Transactional(readOnly = true)
    public Optional<Team> responsibleTeam(Organisation organisation) {
        Organisation current = organisation;
        for (int depth = 0; current != null && depth < 20; depth++) {
            if (current.sectorId() != null) {
                Long sectorId = current.sectorId();
                Optional<Team> sectoral = teams.findByKind(TeamKind.SECTORAL_CIRT).stream()
                        .filter(team -> sectorId.equals(team.sectorId())).findFirst();
                if (sectoral.isPresent()) {
                    return sectoral;
                }
            }
            current = current.parentId() == null ? null : organisations.findById(current.parentId()).orElse(null);
        }
        return teams.findByKind(TeamKind.NATIONAL_CIRT).stream().findFirst();
    }

    /** The organisation's contacts, else those of the nearest parent that has some. */
    private List<Contact> contactsOf(Organisation organisation) {
        Organisation current = organisation;
        for (int depth = 0; current != null && depth < 20; depth++) {
            List<Contact> found = contacts.findByOrganisation(current.id());
            if (!found.isEmpty()) {
                return found;
            }
            current = current.parentId() == null ? null : organisations.findById(current.parentId()).orElse(null);
        }
        return List.of();
    }
}
