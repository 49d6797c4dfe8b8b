package org.opencirt.constituency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opencirt.constituency.internal.OrganisationRepository;
import org.opencirt.constituency.internal.demo.DemoCountry;
import org.opencirt.identity.UserService;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.OrganisationBuilder;
import org.opencirt.test.PostgresIntegrationTest;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * The constituency on PostgreSQL, over real HTTP: every repository's SQL (CRUD, search with LIKE metacharacters,
 * paging, filters, the RFC 2350 date), the lookup index loaded from PostgreSQL, import, export, the audit chain
 * and the demo country, so that SQL that only H2 accepts fails here and not in production.
 *
 * <p>One context for all of it. The demo country loads only into an empty constituency, so that test runs first;
 * the audit chain is verified last, after everything else has written to it.
 */
@PostgresIntegrationTest
// a context (and so a PostgreSQL schema) of its own: the demo country loads only into an empty constituency
@TestPropertySource(properties = "opencirt.test.context=constituency-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConstituencyPostgresIntegrationTests extends IntegrationTestSupport {

    private static final String DEMO_PASSWORD = "Demo-Password-on-Postgres-1";

    @Autowired
    SectorService sectors;
    @Autowired
    OrganisationService organisations;
    @Autowired
    TeamService teams;
    @Autowired
    ContactService contacts;
    @Autowired
    AssetService assets;
    @Autowired
    OrganisationRepository organisationRepository;
    @Autowired
    UserService users;
    @Autowired
    PlatformTransactionManager transactions;

    TestHttpClient admin;
    String suffix;

    @BeforeEach
    void setUp() {
        admin = asAdmin();
        suffix = Long.toString(System.nanoTime(), 36);
    }

    @Test
    @Order(1)
    void demoCountryLoadsIntoTheEmptyConstituencyAndItsAddressesAreFound() {
        assertThat(admin.get("/api/v1/organisations?size=1").json().path("total").asLong())
                .as("the demo country loads only into an empty constituency: nothing in this PostgreSQL context "
                        + "may create organisations before this test")
                .isZero();
        DemoCountry demo = new DemoCountry(sectors, organisations, teams, contacts, assets, organisationRepository,
                users, transactions, true, DEMO_PASSWORD, "");

        demo.run(null);

        DemoCountry.Loaded loaded = demo.lastLoad().orElseThrow();
        assertThat(loaded.organisations()).isBetween(28, 40);
        assertThat(admin.get("/api/v1/organisations?size=1").json().path("total").asLong())
                .isEqualTo(loaded.organisations());
        assertThat(loaded.assets()).isGreaterThan(2000);
        assertThat(admin.get("/api/v1/assets?size=1").json().path("total").asLong()).isEqualTo(loaded.assets());
        assertThat(admin.get("/api/v1/organisations?size=500").json().path("items").findValuesAsString("demo"))
                .containsOnly("true");

        JsonNode isp = lookup("ip=10.63.255.254");
        assertThat(isp.path("organisation").path("name").asString()).isEqualTo("Calnet Telecom");
        assertThat(isp.path("matchedValue").asString()).isEqualTo("10.0.0.0/10");
        assertThat(lookup("ip=2001:db8:1000::1").path("organisation").path("name").asString())
                .isEqualTo("Calnet Telecom");
        TestHttpClient analyst = TestHttpClient.basic(port, "analyst", DEMO_PASSWORD);
        JsonNode bank = analyst.get("/api/v1/lookup?domain=www.bank-of-caldera.xc").json();
        assertThat(bank.path("organisation").path("name").asString()).isEqualTo("Bank of Caldera");
        assertThat(bank.path("responsibleTeam").path("name").asString()).isEqualTo("Caldera Financial Sector CERT");
    }

    @Test
    void everyConstituencyRecordIsCreatedReadUpdatedAndDeleted() {
        long sector = create("/api/v1/sectors", Map.of("name", "Crud sector " + suffix,
                "criticalInfrastructure", true));
        long organisation = create("/api/v1/organisations", OrganisationBuilder.create().named("Crud org " + suffix)
                .inSector(sector).build());
        long team = create("/api/v1/teams", team("Crud team " + suffix, "SECTORAL_CIRT", "XC", sector, null));
        long contact = create("/api/v1/contacts", Map.of("teamId", team, "kind", "ROLE", "name", "Duty " + suffix,
                "email", "duty-" + suffix + "@crud.example", "languages", List.of("en", "de")));
        long asset = create("/api/v1/assets", asset(organisation, "DOMAIN", "crud-" + suffix + ".example"));

        assertThat(admin.get("/api/v1/organisations/" + organisation).json().path("sectorName").asString())
                .isEqualTo("Crud sector " + suffix);
        assertThat(admin.get("/api/v1/teams/" + team + "/contacts").json().findValuesAsString("email"))
                .containsExactly("duty-" + suffix + "@crud.example");
        assertThat(admin.get("/api/v1/organisations/" + organisation + "/assets").json().findValuesAsString("value"))
                .containsExactly("crud-" + suffix + ".example");

        updated("/api/v1/sectors/" + sector, Map.of("name", "Crud sector renamed " + suffix,
                "description", "changed", "criticalInfrastructure", false));
        updated("/api/v1/organisations/" + organisation, OrganisationBuilder.create()
                .named("Crud org renamed " + suffix).inSector(sector).country("LU").kind("ISP").build());
        updated("/api/v1/teams/" + team, team("Crud team renamed " + suffix, "SECTORAL_CIRT", "XC", sector, null));
        updated("/api/v1/contacts/" + contact, Map.of("teamId", team, "kind", "PERSON", "name", "Renamed " + suffix,
                "email", "renamed-" + suffix + "@crud.example", "available24x7", true));
        updated("/api/v1/assets/" + asset, asset(organisation, "CIDR", "198.51.100.0/24"));

        JsonNode readOrganisation = admin.get("/api/v1/organisations/" + organisation).json();
        assertThat(readOrganisation.path("name").asString()).isEqualTo("Crud org renamed " + suffix);
        assertThat(readOrganisation.path("sectorName").asString()).isEqualTo("Crud sector renamed " + suffix);
        assertThat(readOrganisation.path("country").asString()).isEqualTo("LU");
        assertThat(admin.get("/api/v1/sectors/" + sector).json().path("criticalInfrastructure").asBoolean()).isFalse();
        assertThat(admin.get("/api/v1/teams/" + team).json().path("name").asString())
                .isEqualTo("Crud team renamed " + suffix);
        JsonNode readContact = admin.get("/api/v1/contacts/" + contact).json();
        assertThat(readContact.path("available24x7").asBoolean()).isTrue();
        assertThat(readContact.path("languages").isEmpty()).isTrue();
        assertThat(admin.get("/api/v1/assets/" + asset).json().path("value").asString()).isEqualTo("198.51.100.0/24");

        for (String path : List.of("/api/v1/assets/" + asset, "/api/v1/contacts/" + contact, "/api/v1/teams/" + team,
                "/api/v1/organisations/" + organisation, "/api/v1/sectors/" + sector)) {
            assertThat(admin.delete(path).status()).as(path).isEqualTo(204);
            assertThat(admin.get(path).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void searchTakesPercentUnderscoreBackslashAndQuotesLiterallyAndIgnoresCaseBeyondAscii() {
        List<String> names = List.of("100% Pure " + suffix, "1000 Pure " + suffix, "snake_case " + suffix,
                "snakeXcase " + suffix, "back\\slash " + suffix, "backslash " + suffix,
                "O'Brien \"Quoted\" " + suffix);
        names.forEach(name -> create("/api/v1/organisations", OrganisationBuilder.create().named(name).build()));

        assertThat(searchNames("/api/v1/organisations", "100% pure " + suffix)).containsExactly(names.get(0));
        assertThat(searchNames("/api/v1/organisations", "snake_case " + suffix)).containsExactly(names.get(2));
        assertThat(searchNames("/api/v1/organisations", "back\\slash " + suffix)).containsExactly(names.get(4));
        assertThat(searchNames("/api/v1/organisations", "o'brien \"quoted\" " + suffix))
                .containsExactly(names.get(6));
        assertThat(searchNames("/api/v1/organisations", "%")).contains(names.get(0)).doesNotContain(names.get(1));
        create("/api/v1/organisations", OrganisationBuilder.create().named("ÉCOLE Supérieure " + suffix).build());
        assertThat(searchNames("/api/v1/organisations", "école supérieure " + suffix))
                .containsExactly("ÉCOLE Supérieure " + suffix);

        String tricky = "5%_\\'\" " + suffix;
        String decoy = "5XY\\'\" " + suffix;
        long holder = create("/api/v1/organisations", OrganisationBuilder.create().build());
        List<String> both = List.of(tricky, decoy);
        for (int i = 0; i < both.size(); i++) {
            String name = both.get(i);
            create("/api/v1/sectors", Map.of("name", "Sector " + name, "criticalInfrastructure", false));
            create("/api/v1/teams", team("Team " + name, "FOREIGN_PEER", "FR", null, null));
            create("/api/v1/contacts", Map.of("organisationId", holder, "kind", "ROLE", "name", "Contact " + name,
                    "email", "c" + i + "-" + suffix + "@search.example"));
            create("/api/v1/assets", asset(holder, "DOMAIN", "d" + i + "-" + suffix + ".example", "Asset " + name));
        }
        assertThat(searchNames("/api/v1/sectors", tricky)).containsExactly("Sector " + tricky);
        assertThat(searchNames("/api/v1/teams", tricky)).containsExactly("Team " + tricky);
        assertThat(searchNames("/api/v1/contacts", tricky)).containsExactly("Contact " + tricky);
        assertThat(admin.get("/api/v1/assets?q=" + encode(tricky)).json().path("items")
                .findValuesAsString("description")).containsExactly("Asset " + tricky);
    }

    @Test
    void organisationsTeamsAndAssetsArePagedAndFilteredByCountry() {
        for (int i = 1; i <= 5; i++) {
            create("/api/v1/organisations", OrganisationBuilder.create().named("Paged " + suffix + " " + i)
                    .country(i <= 3 ? "LU" : "XC").build());
        }
        String query = "/api/v1/organisations?q=" + encode("paged " + suffix);

        JsonNode first = admin.get(query + "&country=lu&size=2&page=0").json();
        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(first.path("items").findValuesAsString("name"))
                .containsExactly("Paged " + suffix + " 1", "Paged " + suffix + " 2");
        assertThat(admin.get(query + "&country=LU&size=2&page=1").json().path("items").findValuesAsString("name"))
                .containsExactly("Paged " + suffix + " 3");
        assertThat(admin.get(query + "&country=XC").json().path("total").asLong()).isEqualTo(2);
        assertThat(admin.get(query).json().path("total").asLong()).isEqualTo(5);

        create("/api/v1/teams", team("Peer " + suffix + " FR", "FOREIGN_PEER", "FR", null, null));
        create("/api/v1/teams", team("Peer " + suffix + " DE", "FOREIGN_PEER", "DE", null, null));
        assertThat(admin.get("/api/v1/teams?q=" + suffix + "&country=fr").json().path("items")
                .findValuesAsString("name")).containsExactly("Peer " + suffix + " FR");

        long owner = create("/api/v1/organisations", OrganisationBuilder.create().build());
        for (int i = 0; i < 3; i++) {
            create("/api/v1/assets", asset(owner, "DOMAIN", "p" + i + "-" + suffix + ".example"));
        }
        JsonNode secondPage = admin.get("/api/v1/assets?organisationId=" + owner + "&size=2&page=1").json();
        assertThat(secondPage.path("total").asLong()).isEqualTo(3);
        assertThat(secondPage.path("items").findValuesAsString("value")).containsExactly("p2-" + suffix + ".example");
    }

    @Test
    void rfc2350UpdatedOnIsStoredAsTheSameCalendarDay() {
        Map<String, Object> body = team("Dated " + suffix, "FOREIGN_PEER", "DE", null, LocalDate.of(2026, 11, 25));
        long team = create("/api/v1/teams", body);
        assertThat(profileUpdatedOn(team)).isEqualTo("2026-11-25");

        updated("/api/v1/teams/" + team, team("Dated " + suffix, "FOREIGN_PEER", "DE", null,
                LocalDate.of(2024, 2, 29)));
        assertThat(profileUpdatedOn(team)).isEqualTo("2024-02-29");
        assertThat(jdbc.sql("select profile_updated_on from team where id = ?").param(team).query(LocalDate.class)
                .single()).isEqualTo(LocalDate.of(2024, 2, 29));

        updated("/api/v1/teams/" + team, team("Dated " + suffix, "FOREIGN_PEER", "DE", null, null));
        JsonNode cleared = admin.get("/api/v1/teams/" + team).json().path("profile").path("updatedOn");
        assertThat(cleared.isNull() || cleared.isMissingNode()).as(cleared.toString()).isTrue();
        assertThat(jdbc.sql("select profile_updated_on from team where id = ?").param(team).query(LocalDate.class)
                .list()).containsExactly((LocalDate) null);
    }

    @Test
    void lookupFindsTheMostSpecificOwnerOfNestedPrefixesAsnsDomainsUrlsAndEmails() {
        long sector = create("/api/v1/sectors", Map.of("name", "Lookup sector " + suffix,
                "criticalInfrastructure", true));
        long sectoral = create("/api/v1/teams", team("Lookup CERT " + suffix, "SECTORAL_CIRT", "XC", sector, null));
        long isp = create("/api/v1/organisations", OrganisationBuilder.create().kind("ISP").build());
        long customer = create("/api/v1/organisations", OrganisationBuilder.create().inSector(sector).build());
        long branch = create("/api/v1/organisations", OrganisationBuilder.create().parent(customer).build());
        create("/api/v1/assets", asset(isp, "CIDR", "203.0.113.0/24"));
        create("/api/v1/assets", asset(customer, "CIDR", "203.0.113.128/25"));
        create("/api/v1/assets", asset(branch, "CIDR", "203.0.113.192/28"));
        create("/api/v1/assets", asset(isp, "CIDR", "3fff::/20"));
        create("/api/v1/assets", asset(customer, "CIDR", "3fff:0:abcd::/48"));
        create("/api/v1/assets", asset(branch, "CIDR", "3fff:0:abcd:100::/56"));
        create("/api/v1/assets", asset(customer, "ASN", "AS64500"));
        create("/api/v1/assets", asset(customer, "DOMAIN", "pg-" + suffix + ".example"));
        create("/api/v1/contacts", Map.of("organisationId", customer, "kind", "ROLE", "name", "Abuse " + suffix,
                "email", "abuse-" + suffix + "@lookup.example", "available24x7", true));

        assertOwner("ip=203.0.113.5", isp, "203.0.113.0/24");
        assertOwner("ip=203.0.113.130", customer, "203.0.113.128/25");
        assertOwner("ip=203.0.113.200", branch, "203.0.113.192/28");
        assertOwner("ip=203.0.113.208", customer, "203.0.113.128/25");
        assertOwner("ip=3fff:1::1", isp, "3fff::/20");
        assertOwner("ip=3fff:0:abcd:ff::1", customer, "3fff:0:abcd::/48");
        assertOwner("ip=3fff:0:abcd:1ff::1", branch, "3fff:0:abcd:100::/56");
        assertOwner("asn=64500", customer, "64500");
        assertOwner("domain=" + encode("WWW.PG-" + suffix + ".example."), customer, "pg-" + suffix + ".example");
        assertOwner("url=" + encode("https://portal.pg-" + suffix + ".example:8443/login?x=%25"), customer,
                "pg-" + suffix + ".example");
        assertOwner("email=" + encode("ceo@mail.pg-" + suffix + ".example"), customer, "pg-" + suffix + ".example");

        JsonNode answer = lookup("asn=AS64500");
        assertThat(answer.path("responsibleTeam").path("id").asLong()).isEqualTo(sectoral);
        assertThat(answer.path("contacts").findValuesAsString("email")).containsExactly(
                "abuse-" + suffix + "@lookup.example");
        assertThat(lookup("ip=203.0.114.1").path("found").asBoolean()).isFalse();
        assertThat(lookup("domain=notpg-" + suffix + ".example").path("found").asBoolean()).isFalse();
    }

    @Test
    void csvImportWithOneBadRowImportsNothingAndAGoodOneImportsEverything() {
        String badCsv = "name,kind,country\n"
                + "Imported good " + suffix + ",INDUSTRY,LU\n"
                + "Imported bad " + suffix + ",BANKING,LU\n";
        Response refused = admin.post("/api/v1/import?type=organisations", "text/csv", badCsv);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().path("errors").findValuesAsString("field")).containsExactly("kind");
        assertThat(admin.get("/api/v1/organisations?q=" + encode("imported good " + suffix)).json().path("total")
                .asLong()).isZero();

        Map<String, String> files = new LinkedHashMap<>();
        files.put("sectors", "name,description,criticalInfrastructure\n"
                + "Imported sector " + suffix + ",\"Water, \"\"drinking\"\" and waste\",yes\n");
        files.put("organisations", "name,shortName,sector,country,kind,parent\n"
                + "Imported utility " + suffix + ",IU,Imported sector " + suffix + ",LU,ESSENTIAL_SERVICES,\n"
                + "Imported plant " + suffix + ",,Imported sector " + suffix + ",LU,INDUSTRY,Imported utility "
                + suffix + "\n");
        files.put("teams", "name,kind,country,sector,profile.email,profile.updatedOn\n"
                + "Imported CERT " + suffix + ",SECTORAL_CIRT,XC,Imported sector " + suffix + ",cert-" + suffix
                + "@import.example,2026-11-25\n");
        files.put("contacts", "organisation,team,kind,name,email,available24x7,languages\n"
                + "Imported utility " + suffix + ",,ROLE,Utility SOC,soc-" + suffix + "@import.example,true,\"en,fr\"\n"
                + ",Imported CERT " + suffix + ",ROLE,CERT duty,duty-" + suffix + "@import.example,false,\n");
        files.put("assets", "organisation,kind,value,description\n"
                + "Imported utility " + suffix + ",CIDR,192.0.2.0/24,Control network\n"
                + "Imported plant " + suffix + ",CIDR,192.0.2.64/26,\n"
                + "Imported plant " + suffix + ",DOMAIN,plant-" + suffix + ".example,\n");
        files.forEach((type, csv) -> {
            Response imported = admin.post("/api/v1/import?type=" + type, "text/csv", csv);
            assertThat(imported.status()).as(type + ": " + imported.body()).isEqualTo(200);
            assertThat(imported.json().path("created").asInt()).as(type).isEqualTo(csv.strip().split("\n").length - 1);
        });

        JsonNode plant = lookup("ip=192.0.2.65");
        assertThat(plant.path("organisation").path("name").asString()).isEqualTo("Imported plant " + suffix);
        assertThat(plant.path("organisation").path("parentName").asString()).isEqualTo("Imported utility " + suffix);
        assertThat(plant.path("responsibleTeam").path("name").asString()).isEqualTo("Imported CERT " + suffix);
        assertThat(plant.path("responsibleTeam").path("profile").path("updatedOn").asString()).isEqualTo("2026-11-25");
        assertThat(plant.path("teamContacts").findValuesAsString("email"))
                .containsExactly("duty-" + suffix + "@import.example");
        assertThat(lookup("ip=192.0.2.1").path("contacts").path(0).path("languages").toString())
                .isEqualTo("[\"en\",\"fr\"]");
        assertThat(admin.get("/api/v1/sectors?q=" + encode("imported sector " + suffix)).json().path("items").path(0)
                .path("description").asString()).isEqualTo("Water, \"drinking\" and waste");
    }

    @Test
    void exportWritesRecordsWithSpecialCharactersAsCsvAndJson() {
        String name = "Export \"Quoted\", 50% \\ " + suffix;
        long organisation = create("/api/v1/organisations", OrganisationBuilder.create().named(name).country("LU")
                .build());
        create("/api/v1/assets", asset(organisation, "CIDR", "198.51.100.128/25", "line one\nline two"));

        Response csv = admin.get("/api/v1/export?type=organisations&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).contains("\"Export \"\"Quoted\"\", 50% \\ " + suffix + "\"");
        Response json = admin.get("/api/v1/export?type=assets&format=json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().valueStream().filter(row -> row.path("organisation").asString().equals(name)))
                .singleElement().satisfies(row -> {
                    assertThat(row.path("value").asString()).isEqualTo("198.51.100.128/25");
                    assertThat(row.path("description").asString()).isEqualTo("line one\nline two");
                });
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void auditChainIsIntactAfterEverythingElse() {
        JsonNode verification = admin.get("/api/v1/audit/verify").json();

        assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.path("entriesChecked").asLong()).isGreaterThan(2000);
    }

    private JsonNode lookup(String query) {
        Response response = admin.get("/api/v1/lookup?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void assertOwner(String query, long organisation, String matchedValue) {
        JsonNode answer = lookup(query);
        assertThat(answer.path("organisation").path("id").asLong()).as(query).isEqualTo(organisation);
        assertThat(answer.path("matchedValue").asString()).as(query).isEqualTo(matchedValue);
    }

    private List<String> searchNames(String path, String text) {
        Response response = admin.get(path + "?size=500&q=" + encode(text));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("items").findValuesAsString("name");
    }

    private String profileUpdatedOn(long team) {
        return admin.get("/api/v1/teams/" + team).json().path("profile").path("updatedOn").asString();
    }

    private long create(String path, Object body) {
        Response response = admin.postJson(path, body);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(201);
        JsonNode created = response.json();
        return (created.has("asset") ? created.path("asset") : created).path("id").asLong();
    }

    private void updated(String path, Object body) {
        Response response = admin.putJson(path, body);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
    }

    private static Map<String, Object> team(String name, String kind, String country, Long sectorId,
            LocalDate updatedOn) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("email", "cert@team.example");
        profile.put("mission", "Coordinate incident response for " + name);
        profile.put("updatedOn", updatedOn == null ? null : updatedOn.toString());
        Map<String, Object> team = new LinkedHashMap<>();
        team.put("name", name);
        team.put("kind", kind);
        team.put("country", country);
        team.put("sectorId", sectorId);
        team.put("memberships", List.of("FIRST", "TF-CSIRT"));
        team.put("profile", profile);
        return team;
    }

    private static Map<String, Object> asset(long organisation, String kind, String value) {
        return Map.of("organisationId", organisation, "kind", kind, "value", value);
    }

    private static Map<String, Object> asset(long organisation, String kind, String value, String description) {
        return Map.of("organisationId", organisation, "kind", kind, "value", value, "description", description);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
