package org.opencirt.incident.internal.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opencirt.audit.AuditChannel;
import org.opencirt.common.PageRequest;
import org.opencirt.constituency.AssetKind;
import org.opencirt.constituency.AssetService;
import org.opencirt.constituency.NetworkAsset;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.Team;
import org.opencirt.constituency.TeamKind;
import org.opencirt.constituency.TeamService;
import org.opencirt.identity.UserAccount;
import org.opencirt.identity.UserService;
import org.opencirt.incident.Incident;
import org.opencirt.incident.IncidentNote;
import org.opencirt.incident.IncidentQuery;
import org.opencirt.incident.IncidentService;
import org.opencirt.incident.IncidentState;
import org.opencirt.incident.IncidentTask;
import org.opencirt.incident.Observable;
import org.opencirt.incident.ObservableType;
import org.opencirt.incident.Pap;
import org.opencirt.incident.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A handful of incidents in the demo country, in every state, so that a new installation shows what a working
 * national CIRT's incident list looks like. Marked demo; loaded once, after the demo constituency, only while the
 * installation has no incident at all.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class DemoIncidents implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoIncidents.class);

    private final boolean enabled;
    private final IncidentService incidents;
    private final OrganisationService organisations;
    private final TeamService teams;
    private final AssetService assets;
    private final UserService users;
    private final TransactionTemplate transaction;

    public DemoIncidents(@Value("${opencirt.demo-data:false}") boolean enabled, IncidentService incidents,
            OrganisationService organisations, TeamService teams, AssetService assets, UserService users,
            TransactionTemplate transaction) {
        this.enabled = enabled;
        this.incidents = incidents;
        this.organisations = organisations;
        this.teams = teams;
        this.assets = assets;
        this.users = users;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || incidents.search(IncidentQuery.all(), new PageRequest(0, 1)).total() > 0) {
            return;
        }
        Map<String, Organisation> byShortName = organisations.all().stream()
                .filter(o -> o.demo() && o.shortName() != null)
                .collect(Collectors.toMap(Organisation::shortName, Function.identity(), (a, b) -> a));
        if (byShortName.isEmpty()) {
            return;
        }
        try {
            int created = AuditChannel.callAs(AuditChannel.SYSTEM, () -> transaction.execute(status ->
                    load(byShortName)));
            LOG.info("Demo incidents loaded: {}", created);
        } catch (RuntimeException e) {
            LOG.error("Could not load the demo incidents; the incident list stays empty", e);
        }
    }

    private int load(Map<String, Organisation> org) {
        Long national = team(TeamKind.NATIONAL_CIRT, null);
        Long energyCert = team(TeamKind.SECTORAL_CIRT, "Energy");
        Long healthCsirt = team(TeamKind.SECTORAL_CIRT, "Health");
        Long analyst = users.findByUsername("analyst").map(UserAccount::id).orElse(null);
        Long coordinator = users.findByUsername("coordinator").map(UserAccount::id).orElse(null);
        List<Long> created = new ArrayList<>();

        Incident phishing = open("Phishing campaign imitating the Bank of Caldera",
                "Customers report mails linking to a fake e-banking login page. The kit collects credentials and "
                        + "one-time codes.", "phishing", Severity.HIGH, "GREEN", national, analyst,
                List.of("phishing", "banking"), ids(org, "BoC"), null);
        observe(phishing, ObservableType.DOMAIN, "boc-secure-login.example", true);
        observe(phishing, ObservableType.URL, "https://boc-secure-login.example/ebank/login.php", true);
        observe(phishing, hostIn(org, "BoC"), false);
        task(phishing, "Request takedown from the hosting provider", analyst);
        task(phishing, "Warn customers through the bank's channels", null);
        timeline(phishing, "First customer report received by the bank's help desk", "2026-11-23T08:40:00Z");
        move(phishing, IncidentState.IN_PROGRESS, "takedown requested");
        created.add(phishing.id());

        Incident ransomware = open("Ransomware on hospital file servers",
                "Files on two file servers encrypted overnight; ransom note names a known affiliate. Patient systems "
                        + "isolated as a precaution.", "infected-system", Severity.CRITICAL, "AMBER", healthCsirt,
                analyst, List.of("ransomware"), ids(org, "UHC"), null);
        observe(ransomware, hostIn(org, "UHC"), false);
        observe(ransomware, ObservableType.FILE_HASH,
                "3f786850e387550fdab836ed7e6dc881de23001b3f786850e387550fdab836ed", true);
        task(ransomware, "Collect a memory image of one encrypted server", analyst);
        move(ransomware, IncidentState.IN_PROGRESS, "sectoral CIRT on site");
        move(ransomware, IncidentState.CONTAINED, "infected servers isolated, backups verified");
        created.add(ransomware.id());

        Incident ddos = open("DDoS against the government portal",
                "Volumetric UDP flood, peak 40 Gbit/s, for three hours. Mitigated upstream by the ISP.", "ddos",
                Severity.HIGH, "CLEAR", national, coordinator, List.of("ddos"), ids(org, "GovNet"), null);
        observe(ddos, hostIn(org, "GovNet"), false);
        move(ddos, IncidentState.IN_PROGRESS, null);
        move(ddos, IncidentState.RESOLVED, "attack ended, filters kept for a week");
        created.add(ddos.id());

        Incident defacement = open("Defacement of a ministry web site",
                "The home page was replaced by a hacktivist banner through an outdated CMS plug-in.",
                "application-compromise", Severity.MEDIUM, "GREEN", national, analyst, List.of("defacement"),
                ids(org, "GovNet"), null);
        move(defacement, IncidentState.IN_PROGRESS, null);
        move(defacement, IncidentState.RESOLVED, "site restored and plug-in updated");
        move(defacement, IncidentState.CLOSED, null);
        created.add(defacement.id());

        Incident grid = open("Brute-force logins on the grid operator's VPN",
                "Thousands of failed VPN logins from a small set of addresses; no successful login seen so far.",
                "brute-force", Severity.MEDIUM, "AMBER", energyCert, null, List.of("vpn"), ids(org, "CalGrid"),
                null);
        observe(grid, hostIn(org, "CalGrid"), false);
        move(grid, IncidentState.WAITING_FOR_CONSTITUENT, "asked CalGrid for the VPN logs");
        created.add(grid.id());

        Incident leak = open("Suspected leak of tender documents",
                "A journalist holds documents of an unpublished tender. Handled on a need-to-know basis.",
                "data-leak", Severity.HIGH, "RED", national, analyst, List.of("leak"), ids(org, "GovNet"),
                analyst == null ? null : List.of(analyst));
        move(leak, IncidentState.TRIAGE, null);
        created.add(leak.id());

        Incident rdp = open("Exposed remote desktop services in the finance sector",
                "Shadowserver reports open RDP on addresses of several banks.", "vulnerable-system", Severity.LOW,
                "AMBER", national, null, List.of("shadowserver", "rdp"), ids(org, "BoC", "Meridian", "CoopBank"), null);
        observe(rdp, hostIn(org, "CoopBank"), false);
        created.add(rdp.id());
        return created.size();
    }

    private Incident open(String title, String description, String type, Severity severity, String tlp, Long team,
            Long assignee, List<String> tags, List<Long> organisationIds, List<Long> recipients) {
        return incidents.open(new Incident.Input(title, description, type, severity, null, tlp, Pap.AMBER, team,
                assignee, tags, Map.of(), organisationIds, recipients), true);
    }

    private void observe(Incident incident, ObservableType type, String value, boolean ioc) {
        incidents.addObservable(incident.id(), new Observable.Input(type, value, ioc, null, null, null));
    }

    private void observe(Incident incident, Optional<String> address, boolean ioc) {
        address.ifPresent(a -> observe(incident, ObservableType.IPV4, a, ioc));
    }

    private void task(Incident incident, String title, Long assignee) {
        incidents.addTask(incident.id(), new IncidentTask.Input(title, null, assignee, null, null));
    }

    private void timeline(Incident incident, String text, String at) {
        incidents.addTimelineEntry(incident.id(), new IncidentNote.Input(text, Instant.parse(at), true));
    }

    private void move(Incident incident, IncidentState state, String reason) {
        incidents.transition(incident.id(), state, reason);
    }

    private Long team(TeamKind kind, String nameContains) {
        return teams.all().stream().filter(t -> t.kind() == kind && t.demo())
                .filter(t -> nameContains == null || t.name().contains(nameContains)).map(Team::id).findFirst()
                .orElse(null);
    }

    private static List<Long> ids(Map<String, Organisation> org, String... shortNames) {
        List<Long> ids = new ArrayList<>();
        for (String name : shortNames) {
            Organisation organisation = org.get(name);
            if (organisation != null) {
                ids.add(organisation.id());
            }
        }
        return ids;
    }

    /** A host address inside the organisation's first IPv4 range, so the lookup names it as the owner. */
    private Optional<String> hostIn(Map<String, Organisation> org, String shortName) {
        Organisation organisation = org.get(shortName);
        if (organisation == null) {
            return Optional.empty();
        }
        return assets.ofOrganisation(organisation.id()).stream()
                .filter(a -> a.kind() == AssetKind.CIDR && !a.value().contains(":")).map(NetworkAsset::value)
                .findFirst().map(cidr -> {
                    String network = cidr.substring(0, cidr.indexOf('/'));
                    int last = network.lastIndexOf('.');
                    return network.substring(0, last + 1) + (Integer.parseInt(network.substring(last + 1)) + 10);
                });
    }
}
