package org.opencirt.constituency.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencirt.audit.AuditChannel;
import org.opencirt.audit.AuditLog;
import org.opencirt.audit.AuditQuery;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.constituency.AssetKind;
import org.opencirt.constituency.AssetService;
import org.opencirt.constituency.Contact;
import org.opencirt.constituency.ContactService;
import org.opencirt.constituency.NetworkAsset;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.Responsibility;
import org.opencirt.constituency.ResponsibilityLookup;
import org.opencirt.constituency.ResponsibilityLookup.QueryType;
import org.opencirt.constituency.Team;
import org.opencirt.constituency.TeamKind;
import org.opencirt.constituency.TeamService;
import org.opencirt.identity.Role;
import org.opencirt.identity.UserAccount;
import org.opencirt.identity.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The fictional Republic of Caldera, as a new installation with demo data sees it. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:demo-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH",
        "opencirt.demo-data=true",
        "opencirt.pipeline.watch-dir=target/test-inbox/${random.uuid}",
        "opencirt.admin-password=demo-test-password"})
class DemoCountryIntegrationTests {

    @Autowired
    DemoCountry demo;
    @Autowired
    OrganisationService organisations;
    @Autowired
    TeamService teams;
    @Autowired
    ContactService contacts;
    @Autowired
    AssetService assets;
    @Autowired
    ResponsibilityLookup lookup;
    @Autowired
    UserService users;
    @Autowired
    AuditLog audit;

    @Test
    void firstStartLoadsAFictionalCountryMarkedAsDemoData() {
        DemoCountry.Loaded loaded = demo.lastLoad().orElseThrow();
        System.out.printf("Demo country loaded: %d organisations, %d assets in %d ms%n", loaded.organisations(),
                loaded.assets(), loaded.millis());

        List<Organisation> all = organisations.all();
        assertThat(all).hasSizeBetween(28, 40).allSatisfy(o -> assertThat(o.demo()).isTrue());
        assertThat(all).filteredOn(o -> o.parentId() != null).hasSizeGreaterThanOrEqualTo(4);
        assertThat(all).filteredOn(o -> o.country().equals("XC")).hasSizeGreaterThanOrEqualTo(28);
        Team national = teams.nationalCirt().orElseThrow();
        assertThat(national.country()).isEqualTo("XC");
        assertThat(national.profile().mission()).isNotBlank();
        assertThat(national.profile().incidentPolicy()).isNotBlank();
        assertThat(teams.all()).filteredOn(t -> t.kind() == TeamKind.SECTORAL_CIRT).hasSizeBetween(3, 4)
                .allSatisfy(t -> assertThat(t.sectorId()).isNotNull());
        assertThat(teams.all()).filteredOn(t -> t.kind() == TeamKind.FOREIGN_PEER).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(t -> assertThat(t.country()).isNotEqualTo("XC"));
        assertThat(teams.all()).allSatisfy(t -> assertThat(t.demo()).isTrue());

        List<NetworkAsset> everyAsset = allAssets();
        assertThat(everyAsset).hasSizeGreaterThan(2000).allSatisfy(a -> assertThat(a.demo()).isTrue());
        assertThat(everyAsset).extracting(NetworkAsset::kind).contains(AssetKind.CIDR, AssetKind.ASN, AssetKind.DOMAIN);
        assertThat(everyAsset).filteredOn(a -> a.kind() == AssetKind.DOMAIN)
                .allSatisfy(a -> assertThat(a.value()).endsWith(".xc"));
        assertThat(everyAsset).filteredOn(a -> a.kind() == AssetKind.CIDR && a.value().contains(":"))
                .allSatisfy(a -> assertThat(a.value()).startsWith("2001:db8:"));

        List<Contact> everyContact = contacts.all();
        assertThat(everyContact).allSatisfy(c -> assertThat(c.demo()).isTrue());
        assertThat(everyContact).anySatisfy(c -> assertThat(c.pgpFingerprint()).isNotNull());
        assertThat(everyContact).anySatisfy(c -> assertThat(c.available24x7()).isTrue());
        assertThat(audit.search(new AuditQuery("system", "CREATE", "asset", null, AuditChannel.SYSTEM.name(), null,
                null), new PageRequest(0, 1)).total()).isEqualTo(everyAsset.size());
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void demoUsersExistForEveryRoleAndTheConstituentBelongsToABank() {
        UserAccount constituent = users.findByUsername("constituent").orElseThrow();
        assertThat(constituent.role()).isEqualTo(Role.CONSTITUENT);
        assertThat(organisations.get(constituent.organisationId()).name()).isEqualTo("Bank of Caldera");
        assertThat(List.of("coordinator", "analyst", "auditor", "partner"))
                .allSatisfy(name -> assertThat(users.findByUsername(name)).isPresent());
    }

    @Test
    void theLookupFindsNestedCustomersInsideTheirIspsBlock() {
        Organisation bank = organisation("Bank of Caldera");
        String customerRange = assets.ofOrganisation(bank.id()).stream()
                .filter(a -> a.kind() == AssetKind.CIDR && a.value().endsWith("/24")).findFirst().orElseThrow()
                .value();
        String inCustomerRange = customerRange.substring(0, customerRange.lastIndexOf('.')) + ".77";
        Responsibility customer = lookup.lookup(QueryType.IP, inCustomerRange);
        assertThat(customer.organisation().name()).isEqualTo("Bank of Caldera");
        assertThat(customer.matchedValue()).isEqualTo(customerRange);

        Responsibility isp = lookup.lookup(QueryType.IP, "10.63.255.254");
        assertThat(isp.organisation().name()).isEqualTo("Calnet Telecom");
        assertThat(isp.matchedValue()).isEqualTo("10.0.0.0/10");

        assertThat(lookup.responsibleTeam(bank)).hasValueSatisfying(
                team -> assertThat(team.name()).isEqualTo("Caldera Financial Sector CERT"));
        assertThat(lookup.responsibleTeam(organisation("Bank of Caldera Securities"))).hasValueSatisfying(
                team -> assertThat(team.kind()).isEqualTo(TeamKind.SECTORAL_CIRT));
        assertThat(lookup.lookup(QueryType.DOMAIN, "www.bank-of-caldera.xc").organisation().name())
                .isEqualTo("Bank of Caldera");
    }

    @Test
    void startingAgainDuplicatesNothing() throws Exception {
        int organisationCount = organisations.all().size();
        long assetCount = assets.count();
        int teamCount = teams.all().size();
        int contactCount = contacts.all().size();
        long userCount = users.count();

        demo.run(null);

        assertThat(organisations.all()).hasSize(organisationCount);
        assertThat(assets.count()).isEqualTo(assetCount);
        assertThat(teams.all()).hasSize(teamCount);
        assertThat(contacts.all()).hasSize(contactCount);
        assertThat(users.count()).isEqualTo(userCount);
    }

    private Organisation organisation(String name) {
        return organisations.all().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    private List<NetworkAsset> allAssets() {
        List<NetworkAsset> all = new ArrayList<>();
        PageResult<NetworkAsset> page;
        int number = 0;
        do {
            page = assets.search(null, null, null, new PageRequest(number++, PageRequest.MAX_SIZE));
            all.addAll(page.items());
        } while (page.hasNext());
        return all;
    }
}
