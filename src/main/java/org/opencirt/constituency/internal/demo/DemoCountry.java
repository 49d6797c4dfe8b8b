package org.opencirt.constituency.internal.demo;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.opencirt.audit.AuditChannel;
import org.opencirt.constituency.AssetService;
import org.opencirt.constituency.ContactService;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.SectorService;
import org.opencirt.constituency.TeamService;
import org.opencirt.constituency.internal.OrganisationRepository;
import org.opencirt.identity.NewUser;
import org.opencirt.identity.Role;
import org.opencirt.identity.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the fictional Republic of Caldera on first start, so that a new installation can be tried with a
 * realistic constituency: sectors, the national and sectoral CIRTs, some thirty organisations with nested address
 * space, contacts and demo users of every role. Runs only when {@code opencirt.demo-data} is true and the
 * constituency has no organisation yet; everything is marked as demo data, in one transaction, audited as SYSTEM.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class DemoCountry implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCountry.class);

    private final SectorService sectors;
    private final OrganisationService organisations;
    private final TeamService teams;
    private final ContactService contacts;
    private final AssetService assets;
    private final OrganisationRepository organisationRepository;
    private final UserService users;
    private final TransactionTemplate transaction;
    private final boolean enabled;
    private final String demoPassword;
    private final String adminPassword;
    private volatile Loaded lastLoad;

    public DemoCountry(SectorService sectors, OrganisationService organisations, TeamService teams,
            ContactService contacts, AssetService assets, OrganisationRepository organisationRepository,
            UserService users, PlatformTransactionManager transactions,
            @Value("${opencirt.demo-data:false}") boolean enabled,
            @Value("${opencirt.demo-password:}") String demoPassword,
            @Value("${opencirt.admin-password:}") String adminPassword) {
        this.sectors = sectors;
        this.organisations = organisations;
        this.teams = teams;
        this.contacts = contacts;
        this.assets = assets;
        this.organisationRepository = organisationRepository;
        this.users = users;
        this.transaction = new TransactionTemplate(transactions);
        this.enabled = enabled;
        this.demoPassword = demoPassword;
        this.adminPassword = adminPassword;
    }

    /** What one load created and how long it took. */
    public record Loaded(int organisations, long assets, long millis) {
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !organisationRepository.findAll().isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        String password = password();
        CalderaBuilder.Built built;
        try {
            built = AuditChannel.callAs(AuditChannel.SYSTEM, () -> transaction.execute(status -> {
                CalderaBuilder.Built country = new CalderaBuilder(sectors, organisations, teams, contacts, assets)
                        .build();
                demoUsers(country, password);
                return country;
            }));
        } catch (RuntimeException e) {
            LOG.error("Could not load the demo country; the constituency stays empty", e);
            return;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        lastLoad = new Loaded(built.organisations(), assets.count(), millis);
        LOG.info("Demo country Republic of Caldera (XC) loaded: {} organisations, {} assets in {} ms",
                lastLoad.organisations(), lastLoad.assets(), millis);
        if (isBlank(demoPassword) && isBlank(adminPassword)) {
            LOG.warn("""

                    ================================================================
                      OpenCIRT demo users: coordinator, analyst, auditor,
                      constituent, partner
                        password: {}
                      This password is shown only once.
                    ================================================================""", password);
        }
    }

    /** The last load in this process, if the demo was loaded. */
    public Optional<Loaded> lastLoad() {
        return Optional.ofNullable(lastLoad);
    }

    /** The demo users' password: configured, else the administrator's, else a random one printed once. */
    private String password() {
        if (!isBlank(demoPassword)) {
            return demoPassword;
        }
        if (!isBlank(adminPassword)) {
            return adminPassword;
        }
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private void demoUsers(CalderaBuilder.Built country, String password) {
        user("coordinator", "Demo coordinator", Role.COORDINATOR, null, password);
        user("analyst", "Demo analyst", Role.ANALYST, null, password);
        user("auditor", "Demo auditor", Role.AUDITOR, null, password);
        user("constituent", "Demo constituent (" + country.bank().name() + ")", Role.CONSTITUENT,
                country.bank().id(), password);
        user("partner", "Demo partner (" + country.partner().name() + ")", Role.PARTNER, country.partner().id(),
                password);
    }

    private void user(String username, String displayName, Role role, Long organisationId, String password) {
        if (users.findByUsername(username).isEmpty()) {
            users.create(new NewUser(username, displayName, username + "@demo.xc", role, organisationId, password,
                    true, null));
        }
    }
}
