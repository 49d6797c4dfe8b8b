package org.opencirt.constituency.internal.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.opencirt.constituency.AssetKind;
import org.opencirt.constituency.AssetService;
import org.opencirt.constituency.Contact;
import org.opencirt.constituency.ContactKind;
import org.opencirt.constituency.ContactService;
import org.opencirt.constituency.NetworkAsset;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationKind;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.Sector;
import org.opencirt.constituency.SectorService;
import org.opencirt.constituency.Team;
import org.opencirt.constituency.TeamKind;
import org.opencirt.constituency.TeamService;

/**
 * Builds the fictional Republic of Caldera (user-assigned ISO code XC) through the public services, marked as demo
 * data. Everything is invented and uses space reserved for documentation or private use: IPv4 from 10/8,
 * 100.64/10, 172.16/12 and 198.18/15, IPv6 from 2001:db8::/32, private AS numbers, domains under {@code .xc}.
 * A fixed seed makes the country the same on every start.
 */
final class CalderaBuilder {

    static final String COUNTRY = "XC";
    private static final long SEED = 2350L;
    private static final String DUTY_KEY = "/demo/duty-officer-cirt-gov-xc.asc";
    private static final String[] FIRST_NAMES = {"Amara", "Teodor", "Lucia", "Kwame", "Ines", "Rafael", "Noor",
            "Elias", "Marta", "Joon", "Sofia", "Dario", "Helena", "Tomas", "Ayla", "Bruno", "Carmen", "Idris"};
    private static final String[] LAST_NAMES = {"Okafor", "Varga", "Mendes", "Asante", "Duarte", "Lindqvist",
            "Haddad", "Moreau", "Castillo", "Park", "Rossi", "Ferreira", "Novak", "Quispe", "Bauer", "Sato"};
    private static final String[] WORDS = {"amber", "basalt", "cinder", "delta", "ember", "fjord", "granite",
            "harbor", "iris", "jade", "kiln", "lagoon", "magma", "nectar", "onyx", "pumice", "quarry", "ridge", "summit",
            "tephra", "umber", "vent", "willow", "zephyr", "coral", "meadow", "orchard", "pepper", "saffron", "tide"};
    private static final String[] HOST_LABELS = {"www", "mail", "vpn", "portal", "api", "intranet", "sso", "cdn",
            "status", "remote", "webmail", "shop", "mx1", "mx2", "ns1", "ns2"};
    private static final String[] LANGUAGES = {"en", "fr", "es"};

    private final SectorService sectors;
    private final OrganisationService organisations;
    private final TeamService teams;
    private final ContactService contacts;
    private final AssetService assets;
    private final Random random = new Random(SEED);
    private final Map<String, Sector> sectorByKey = new HashMap<>();
    private final Map<String, Organisation> organisationByKey = new HashMap<>();
    private final Map<String, Isp> ispByKey = new HashMap<>();
    private final List<NetworkAsset.Input> pendingAssets = new ArrayList<>();
    private final Set<String> usedDomains = new LinkedHashSet<>();
    private long privateAsn = 4_200_000_000L;

    CalderaBuilder(SectorService sectors, OrganisationService organisations, TeamService teams,
            ContactService contacts, AssetService assets) {
        this.sectors = sectors;
        this.organisations = organisations;
        this.teams = teams;
        this.contacts = contacts;
        this.assets = assets;
    }

    /** An ISP's blocks: infrastructure from the first half, customer assignments from the second. */
    private record Isp(Organisation organisation, AddressPool infrastructure, AddressPool customers,
            AddressPool infrastructure6, AddressPool customers6) {
    }

    /** Builds the country; returns the organisation a demo constituent belongs to and the partner's. */
    Built build() {
        sectors();
        governmentAndNetworks();
        isps();
        finance();
        energyHealthTransportEducation();
        Organisation partner = foreignPeers();
        teamsOfCaldera();
        assets.createAll(pendingAssets, true);
        return new Built(organisationByKey.get("boc"), partner, organisationByKey.size());
    }

    /** What the demo users need: the bank a demo constituent belongs to, and the partner's organisation. */
    record Built(Organisation bank, Organisation partner, int organisations) {
    }

    private void sectors() {
        sector("energy", "Energy", "Electricity generation, transmission and distribution; gas.", true);
        sector("finance", "Finance", "Banks, payment services, insurers and the stock exchange.", true);
        sector("health", "Health", "Hospitals, blood service and the health administration.", true);
        sector("telecom", "Telecommunications", "Internet service providers, mobile operators, the exchange point.",
                true);
        sector("government", "Government", "Ministries and national agencies.", true);
        sector("transport", "Transport", "Railways, port and airport.", true);
        sector("education", "Education", "Universities and research.", false);
    }

    private void sector(String key, String name, String description, boolean critical) {
        sectorByKey.put(key, sectors.create(new Sector.Input(name, description, critical), true));
    }

    private void governmentAndNetworks() {
        Organisation govnet = organisation("govnet", "Caldera Government Network", "GovNet", "government",
                OrganisationKind.GOVERNMENT, null, "govnet.gov.xc", "Shared network of the ministries.");
        AddressPool govPool = AddressPool.ipv4("172.16.0.0/12");
        asset(govnet, AssetKind.CIDR, "172.16.0.0/12", "Government aggregate");
        asset(govnet, AssetKind.CIDR, "2001:db8:5000::/36", "Government IPv6 aggregate");
        asset(govnet, AssetKind.ASN, "64600", "GovNet backbone");
        govPool.skip(16);
        String[][] ministries = {
            {"ncsa", "National Cyber Security Agency of Caldera", "NCSA", "ncsa.gov.xc"},
            {"minfin", "Ministry of Finance", "MinFin", "finance.gov.xc"},
            {"minhealth", "Ministry of Health", "MinHealth", "health.gov.xc"},
            {"interior", "Ministry of the Interior", "MinInt", "interior.gov.xc"},
            {"mined", "Ministry of Education and Research", "MinEdu", "education.gov.xc"},
            {"mintransport", "Ministry of Transport and Energy", "MinTE", "transport.gov.xc"}};
        AddressPool gov6 = AddressPool.ipv6(0x5000_0000L, 36);
        for (String[] ministry : ministries) {
            String sector = ministry[0].equals("minhealth") ? "health" : ministry[0].equals("mined") ? "education"
                    : "government";
            Organisation organisation = organisation(ministry[0], ministry[1], ministry[2], sector,
                    OrganisationKind.GOVERNMENT, null, ministry[3], null);
            asset(organisation, AssetKind.CIDR, govPool.take(20), "Office network");
            asset(organisation, AssetKind.CIDR, govPool.take(24), "Public services");
            asset(organisation, AssetKind.CIDR, gov6.take(48), null);
            domains(organisation, ministry[3], 6);
            roleContacts(organisation, ministry[3], false);
        }
        domains(govnet, "govnet.gov.xc", 4);
        asset(govnet, AssetKind.DOMAIN, "gov.xc", "Government zone");
        roleContacts(govnet, "govnet.gov.xc", true);
    }

    private void isps() {
        isp("calnet", "Calnet Telecom", "Calnet", "calnet.xc", "10.0.0.0/10", "100.64.0.0/12", 0x1000_0000L, 64512);
        isp("ignis", "Ignis Broadband", "Ignis", "ignis.xc", "10.64.0.0/10", "100.80.0.0/12", 0x2000_0000L, 64520);
        isp("lavafone", "Lavafone Mobile", "Lavafone", "lavafone.xc", "10.128.0.0/10", "100.96.0.0/12",
                0x3000_0000L, 64530);
        isp("calren", "Caldera Research and Education Network", "CalREN", "calren.xc", "10.192.0.0/10",
                "100.112.0.0/12", 0x4000_0000L, 64540);
        Organisation cix = organisation("cix", "Caldera Internet Exchange", "CIX", "telecom", OrganisationKind.OTHER,
                null, "cix.xc", "Neutral internet exchange point.");
        asset(cix, AssetKind.CIDR, "198.18.0.0/22", "Peering LAN");
        asset(cix, AssetKind.CIDR, "2001:db8:ff00::/48", "Peering LAN IPv6");
        asset(cix, AssetKind.ASN, "64550", "Route servers");
        domains(cix, "cix.xc", 3);
        roleContacts(cix, "cix.xc", true);
        hosting("basalt", "Basalt Hosting", "calnet", 160, 420);
        hosting("obsidian", "Obsidian Web Services", "ignis", 120, 300);
    }

    private void isp(String key, String name, String shortName, String domain, String aggregate, String cgn,
            long ipv6Offset, int asn) {
        Organisation isp = organisation(key, name, shortName, "telecom", OrganisationKind.ISP, null, domain,
                "Internet service provider.");
        int length = Integer.parseInt(aggregate.substring(aggregate.indexOf('/') + 1));
        AddressPool infrastructure = AddressPool.ipv4(aggregate.substring(0, aggregate.indexOf('/')) + "/"
                + (length + 1));
        AddressPool customers = AddressPool.ipv4(secondHalf(aggregate));
        AddressPool infrastructure6 = AddressPool.ipv6(ipv6Offset, 37);
        AddressPool customers6 = AddressPool.ipv6(ipv6Offset + (1L << 27), 37);
        ispByKey.put(key, new Isp(isp, infrastructure, customers, infrastructure6, customers6));
        asset(isp, AssetKind.CIDR, aggregate, "Aggregate");
        asset(isp, AssetKind.CIDR, cgn, "Carrier-grade NAT");
        asset(isp, AssetKind.CIDR, "2001:db8:" + Long.toHexString(ipv6Offset >>> 16) + "::/36", "IPv6 aggregate");
        asset(isp, AssetKind.ASN, Integer.toString(asn), "Backbone");
        asset(isp, AssetKind.ASN, Integer.toString(asn + 1), "Mobile and access");
        AddressPool cgnPool = AddressPool.ipv4(cgn);
        for (int i = 0; i < 24; i++) {
            asset(isp, AssetKind.CIDR, cgnPool.take(18), "CGN pool " + (i + 1));
        }
        for (int i = 0; i < 230; i++) {
            int prefix = 20 + random.nextInt(3);
            asset(isp, AssetKind.CIDR, infrastructure.take(prefix), (i % 3 == 0 ? "DSL pool " : "PoP ")
                    + word() + "-" + (i + 1));
            if (random.nextInt(5) == 0) {
                infrastructure.skip(prefix);
            }
        }
        for (int i = 0; i < 40; i++) {
            asset(isp, AssetKind.CIDR, infrastructure6.take(44 + random.nextInt(5)), "Access network " + (i + 1));
        }
        domains(isp, domain, 12);
        for (int i = 0; i < 30; i++) {
            domain(isp, "pop-" + word() + "-" + (i + 1) + "." + domain, null);
        }
        roleContacts(isp, domain, true);
        person(isp, domain, "NOC manager");
    }

    private static String secondHalf(String cidr) {
        AddressPool pool = AddressPool.ipv4(cidr);
        int length = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        pool.take(length + 1);
        return pool.take(length + 1);
    }

    private void hosting(String key, String name, String ispKey, int prefixes, int customerDomains) {
        Isp isp = ispByKey.get(ispKey);
        String domain = key + "-hosting.xc";
        Organisation hoster = organisation(key, name, null, "telecom", OrganisationKind.INDUSTRY,
                isp.organisation(), domain, "Hosting company, customer of " + isp.organisation().name() + ".");
        for (int i = 0; i < prefixes; i++) {
            asset(hoster, AssetKind.CIDR, isp.customers().take(24 + random.nextInt(5)), "Server range " + (i + 1));
        }
        asset(hoster, AssetKind.CIDR, isp.customers6().take(44), "Hosting IPv6");
        asset(hoster, AssetKind.ASN, Long.toString(privateAsn++), null);
        domains(hoster, domain, 5);
        for (int i = 0; i < customerDomains; i++) {
            domain(hoster, word() + "-" + word() + "-" + (i + 1) + ".xc", "Hosted customer site");
        }
        roleContacts(hoster, domain, true);
    }

    private void finance() {
        Organisation central = member("centralbank", "Central Bank of Caldera", "CBC", "finance",
                OrganisationKind.GOVERNMENT, null, "centralbank.xc", null, 3);
        asset(central, AssetKind.CIDR, "198.18.16.0/22", "Provider-independent space");
        Organisation bank = member("boc", "Bank of Caldera", "BoC", "finance", OrganisationKind.ESSENTIAL_SERVICES,
                null, "bank-of-caldera.xc", "calnet", 3);
        member("boc-securities", "Bank of Caldera Securities", null, "finance", OrganisationKind.INDUSTRY, bank,
                "boc-securities.xc", "calnet", 1);
        member("boc-insurance", "Bank of Caldera Insurance", null, "finance", OrganisationKind.INDUSTRY, bank,
                "boc-insurance.xc", "ignis", 1);
        member("meridian", "Meridian Savings Bank", "Meridian", "finance", OrganisationKind.ESSENTIAL_SERVICES, null,
                "meridian-savings.xc", "ignis", 2);
        member("coopbank", "Caldera Cooperative Bank", "CoopBank", "finance", OrganisationKind.ESSENTIAL_SERVICES,
                null, "coopbank.xc", "lavafone", 2);
        member("cse", "Caldera Stock Exchange", "CSE", "finance", OrganisationKind.ESSENTIAL_SERVICES, null,
                "cse.xc", "calnet", 2);
        member("payxc", "PayXC Payment Services", "PayXC", "finance", OrganisationKind.ESSENTIAL_SERVICES, null,
                "payxc.xc", "ignis", 2);
    }

    private void energyHealthTransportEducation() {
        Organisation grid = member("calgrid", "Caldera Power Grid Operator", "CalGrid", "energy",
                OrganisationKind.ESSENTIAL_SERVICES, null, "calgrid.xc", null, 2);
        asset(grid, AssetKind.CIDR, "198.18.64.0/20", "Control centre networks");
        member("calgen", "Caldera Electricity Generation Company", "CalGen", "energy",
                OrganisationKind.ESSENTIAL_SERVICES, null, "calgen.xc", "lavafone", 2);
        member("northgas", "Northern Gas Distribution", null, "energy", OrganisationKind.ESSENTIAL_SERVICES, null,
                "northgas.xc", "ignis", 1);
        member("uhc", "Caldera University Hospital", "UHC", "health", OrganisationKind.ESSENTIAL_SERVICES, null,
                "uhc.xc", "calren", 2);
        member("stbrigid", "St Brigid General Hospital", null, "health", OrganisationKind.ESSENTIAL_SERVICES, null,
                "stbrigid-hospital.xc", "calnet", 1);
        member("blood", "National Blood Service", null, "health", OrganisationKind.ESSENTIAL_SERVICES, null,
                "blood.health.gov.xc", "calnet", 1);
        member("rail", "Caldera National Railways", "CNR", "transport", OrganisationKind.ESSENTIAL_SERVICES, null,
                "railways.xc", "lavafone", 2);
        member("port", "Port of Caldera Authority", null, "transport", OrganisationKind.ESSENTIAL_SERVICES, null,
                "port.xc", "ignis", 1);
        Organisation airport = member("airport", "Caldera International Airport", "CIA", "transport",
                OrganisationKind.ESSENTIAL_SERVICES, null, "airport.xc", null, 2);
        asset(airport, AssetKind.CIDR, "198.18.96.0/22", "Airport operations");
        member("university", "University of Caldera", "UCal", "education", OrganisationKind.ACADEMIA, null,
                "uni-caldera.xc", "calren", 3);
        member("cit", "Caldera Institute of Technology", "CIT", "education", OrganisationKind.ACADEMIA, null,
                "cit.xc", "calren", 2);
    }

    /** A member of the constituency: its ranges nested in its ISP's block (or its own space), domains, contacts. */
    private Organisation member(String key, String name, String shortName, String sector, OrganisationKind kind,
            Organisation parent, String domain, String ispKey, int ranges) {
        Organisation organisation = organisation(key, name, shortName, sector, kind, parent, domain, null);
        if (ispKey != null) {
            Isp isp = ispByKey.get(ispKey);
            for (int i = 0; i < ranges; i++) {
                asset(organisation, AssetKind.CIDR, isp.customers().take(i == 0 ? 24 : 25 + random.nextInt(4)),
                        "Assigned by " + isp.organisation().shortName());
                isp.customers().skip(24);
            }
            asset(organisation, AssetKind.CIDR, isp.customers6().take(48), null);
        }
        if (parent == null) {
            asset(organisation, AssetKind.ASN, Long.toString(privateAsn++), null);
        }
        domains(organisation, domain, 8 + random.nextInt(12));
        roleContacts(organisation, domain, kind == OrganisationKind.ESSENTIAL_SERVICES);
        if (random.nextBoolean()) {
            person(organisation, domain, "Information security officer");
        }
        return organisation;
    }

    private Organisation organisation(String key, String name, String shortName, String sector,
            OrganisationKind kind, Organisation parent, String domain, String description) {
        Organisation created = organisations.create(new Organisation.Input(name, shortName,
                sector == null ? null : sectorByKey.get(sector).id(), COUNTRY, kind,
                parent == null ? null : parent.id(), domain == null ? null : "https://www." + domain, description),
                true);
        organisationByKey.put(key, created);
        return created;
    }

    private Organisation foreignPeers() {
        Organisation agency = organisations.create(new Organisation.Input("Northland Cyber Agency", "NCA", null, "XN",
                OrganisationKind.GOVERNMENT, null, "https://www.cyber.xn", "Fictional neighbour; runs Northland CERT."),
                true);
        organisationByKey.put("nca", agency);
        team("Northland CERT", "CERT-XN", TeamKind.FOREIGN_PEER, "XN", agency, null,
                profile("cert@cert.xn", "https://cert.xn", "Northland", "Europe/Lisbon"));
        team("Southern Isles CSIRT", "CSIRT-XS", TeamKind.FOREIGN_PEER, "XS", null, null,
                profile("csirt@csirt.xs", "https://csirt.xs", "the Southern Isles", "UTC"));
        team("Eastmarch National CERT", "CERT-XE", TeamKind.FOREIGN_PEER, "XE", null, null,
                profile("cert@cert.xe", "https://cert.xe", "Eastmarch", "Europe/Athens"));
        return agency;
    }

    private void teamsOfCaldera() {
        Team national = team("Caldera National CIRT", "CIRT-XC", TeamKind.NATIONAL_CIRT, COUNTRY,
                organisationByKey.get("ncsa"), null, nationalProfile());
        contacts.create(new Contact.Input(null, national.id(), ContactKind.ROLE, "CIRT-XC incident desk",
                "cirt@cirt.gov.xc", "+999 20 555 0100", true, List.of("en", "fr", "es"), null,
                "Reports and coordination, 24/7."), true);
        contacts.create(new Contact.Input(null, national.id(), ContactKind.PERSON, "CIRT-XC Duty Officer",
                "duty@cirt.gov.xc", "+999 20 555 0101", true, List.of("en", "es"), dutyOfficerKey(),
                "Encrypt sensitive reports with this key."), true);
        sectoral("Caldera Financial Sector CERT", "FinCERT-XC", "finance", "centralbank", "fincert.xc");
        sectoral("Caldera Energy CERT", "EnergyCERT-XC", "energy", "calgrid", "energycert.xc");
        sectoral("Caldera Health CSIRT", "HealthCSIRT-XC", "health", "minhealth", "healthcsirt.xc");
        team("Calnet CSIRT", "Calnet-CSIRT", TeamKind.ORGANISATIONAL_CSIRT, COUNTRY, organisationByKey.get("calnet"),
                null, profile("csirt@calnet.xc", "https://csirt.calnet.xc", "Calnet Telecom's customers",
                        "America/Caracas"));
    }

    private void sectoral(String name, String shortName, String sector, String host, String domain) {
        Team team = team(name, shortName, TeamKind.SECTORAL_CIRT, COUNTRY, organisationByKey.get(host),
                sectorByKey.get(sector), profile("team@" + domain, "https://" + domain,
                        "the " + sectorByKey.get(sector).name().toLowerCase(Locale.ROOT) + " sector of Caldera",
                        "America/Caracas"));
        contacts.create(new Contact.Input(null, team.id(), ContactKind.ROLE, shortName + " desk", "team@" + domain,
                phone(), true, List.of("en", "es"), null, null), true);
    }

    private Team team(String name, String shortName, TeamKind kind, String country, Organisation host, Sector sector,
            Team.Rfc2350 profile) {
        return teams.create(new Team.Input(name, shortName, kind, country, host == null ? null : host.id(),
                sector == null ? null : sector.id(), List.of("FIRST"), profile), true);
    }

    private Team.Rfc2350 profile(String email, String website, String constituency, String timeZone) {
        return new Team.Rfc2350(email, phone(), website, null, timeZone, "Incident response for " + constituency + ".",
                constituency, null, null, "Office hours; emergencies 24/7 by phone", "en, fr, es", null,
                "Works with the national CIRT and FIRST members.", "E-mail, OpenPGP for sensitive information", null,
                null, "Fictional team of the OpenCIRT demo.", LocalDate.of(2026, 1, 15));
    }

    private static Team.Rfc2350 nationalProfile() {
        return new Team.Rfc2350("cirt@cirt.gov.xc", "+999 20 555 0100", "https://cirt.gov.xc",
                "National Cyber Security Agency, 1 Obsidian Avenue, Port Ember, Republic of Caldera",
                "America/Caracas",
                "To protect the Republic of Caldera's networks and the people who rely on them by coordinating the "
                        + "response to computer security incidents and sharing what helps prevent them.",
                "Every organisation established in the Republic of Caldera, in particular government, critical "
                        + "infrastructure operators and internet service providers; sectors with their own CIRT "
                        + "(finance, energy, health) are served through them.",
                "Funded by the state budget through the National Cyber Security Agency.",
                "Established by the Cyber Security Act of Caldera (fictional), which mandates incident reporting "
                        + "by operators of essential services.",
                "24/7 for incidents; office hours 08:00-17:00 America/Caracas for other matters.", "en, fr, es",
                "All incidents are handled; severity decides priority. Information is shared according to TLP 2.0.",
                "CIRT-XC cooperates with sectoral CIRTs, law enforcement and peer teams under FIRST's principles.",
                "E-mail is the usual channel; use OpenPGP for anything sensitive. Telephone for urgent matters.",
                "Incident response and coordination; vulnerability coordination; alerts and warnings; "
                        + "threat intelligence sharing; awareness and exercises.",
                "https://cirt.gov.xc/report", "Information from CIRT-XC is provided as is. All data is fictional.",
                LocalDate.of(2026, 1, 15));
    }

    private void domains(Organisation organisation, String domain, int subdomains) {
        domain(organisation, domain, "Main domain");
        List<String> labels = new ArrayList<>(List.of(HOST_LABELS));
        for (int i = 0; i < subdomains; i++) {
            String label = i < labels.size() ? labels.get(i) : word() + i;
            domain(organisation, label + "." + domain, null);
        }
    }

    private void domain(Organisation organisation, String name, String description) {
        if (usedDomains.add(name)) {
            asset(organisation, AssetKind.DOMAIN, name, description);
        }
    }

    private void asset(Organisation organisation, AssetKind kind, String value, String description) {
        pendingAssets.add(new NetworkAsset.Input(organisation.id(), kind, value, description));
    }

    private void roleContacts(Organisation organisation, String domain, boolean twentyFourSeven) {
        contacts.create(new Contact.Input(organisation.id(), null, ContactKind.ROLE, "Abuse desk", "abuse@" + domain,
                null, twentyFourSeven, List.of("en", LANGUAGES[random.nextInt(LANGUAGES.length)]), null, null), true);
        if (random.nextInt(3) > 0) {
            contacts.create(new Contact.Input(organisation.id(), null, ContactKind.ROLE, "Security team",
                    (random.nextBoolean() ? "cert@" : "soc@") + domain, phone(), twentyFourSeven,
                    List.of("es", "en"), null, null), true);
        }
    }

    private void person(Organisation organisation, String domain, String role) {
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        contacts.create(new Contact.Input(organisation.id(), null, ContactKind.PERSON, first + " " + last,
                (first + "." + last + "@" + domain).toLowerCase(Locale.ROOT), phone(), false,
                List.of(LANGUAGES[random.nextInt(LANGUAGES.length)]), null, role), true);
    }

    /** Numbers in +999, a country code ITU keeps unassigned, so no real phone rings. */
    private String phone() {
        return "+999 20 555 " + (1000 + random.nextInt(9000));
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static String dutyOfficerKey() {
        try (InputStream in = CalderaBuilder.class.getResourceAsStream(DUTY_KEY)) {
            if (in == null) {
                throw new IllegalStateException(DUTY_KEY + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
