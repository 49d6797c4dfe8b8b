package org.opencirt.constituency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencirt.identity.NewUser;
import org.opencirt.identity.Role;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.OrganisationBuilder;
import org.opencirt.test.PgpTestKeys;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import tools.jackson.databind.JsonNode;

/** The constituency API as a client uses it: real HTTP, real database, real security. */
@IntegrationTest
class ConstituencyApiIntegrationTests extends IntegrationTestSupport {

    private static final String CONSTITUENT_PASSWORD = "constituent-password";

    TestHttpClient admin;
    String suffix;

    @BeforeEach
    void setUp() {
        admin = asAdmin();
        suffix = Long.toString(System.nanoTime(), 36);
    }

    @Test
    void organisationIsCreatedFoundBySearchAndPaged() {
        long sector = createSector("Finance " + suffix, true);
        for (int i = 0; i < 3; i++) {
            create("/api/v1/organisations", OrganisationBuilder.create().named("Paged Bank " + i + " " + suffix)
                    .inSector(sector).build());
        }
        Response page = admin.get("/api/v1/organisations?q=paged+bank&sectorId=" + sector + "&size=2&page=0");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("total").asLong()).isEqualTo(3);
        assertThat(page.json().get("items")).hasSize(2);
        assertThat(page.json().get("items").get(0).get("sectorName").asString()).isEqualTo("Finance " + suffix);
        Response second = admin.get("/api/v1/organisations?q=paged+bank&sectorId=" + sector + "&size=2&page=1");
        assertThat(second.json().get("items")).hasSize(1);
    }

    @Test
    void invalidOrganisationIsRejectedWithFieldMessages() {
        long existing = create("/api/v1/organisations", OrganisationBuilder.create().named("Taken " + suffix).build());
        Response duplicate = admin.postJson("/api/v1/organisations",
                OrganisationBuilder.create().named("taken " + suffix).build());
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(fields(duplicate)).containsEntry("name", "an organisation named 'Taken " + suffix
                + "' already exists");

        Response badCountry = admin.postJson("/api/v1/organisations", OrganisationBuilder.create().country("QQ").build());
        assertThat(badCountry.status()).isEqualTo(422);
        assertThat(fields(badCountry)).containsKey("country");

        Response ownParent = admin.putJson("/api/v1/organisations/" + existing,
                OrganisationBuilder.create().named("Taken " + suffix).parent(existing).build());
        assertThat(ownParent.status()).isEqualTo(422);
        assertThat(fields(ownParent)).containsKey("parentId");

        Response badEnum = admin.postJson("/api/v1/organisations", OrganisationBuilder.create().kind("PIRATE").build());
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.json().get("detail").asString()).contains("kind").contains("GOVERNMENT");
    }

    @Test
    void malformedCidrIsRejectedAndSameValueCannotHaveTwoOwners() {
        long isp = create("/api/v1/organisations", OrganisationBuilder.create().kind("ISP").build());
        long bank = create("/api/v1/organisations", OrganisationBuilder.create().build());

        Response hostBits = admin.postJson("/api/v1/assets", asset(bank, "CIDR", "203.0.113.7/24"));
        assertThat(hostBits.status()).isEqualTo(422);
        assertThat(fields(hostBits).get("value")).contains("did you mean 203.0.113.0/24");
        Response garbage = admin.postJson("/api/v1/assets", asset(bank, "CIDR", "300.1.1.0/24"));
        assertThat(garbage.status()).isEqualTo(422);

        assertThat(admin.postJson("/api/v1/assets", asset(isp, "CIDR", "203.0.112.0/22")).status()).isEqualTo(201);
        Response nested = admin.postJson("/api/v1/assets", asset(bank, "CIDR", "203.0.113.0/24"));
        assertThat(nested.status()).isEqualTo(201);
        assertThat(nested.json().get("overlaps").get(0).asString()).contains("203.0.112.0/22");

        Response sameValue = admin.postJson("/api/v1/assets", asset(bank, "CIDR", "203.0.112.0/22"));
        assertThat(sameValue.status()).isEqualTo(422);
        assertThat(fields(sameValue).get("value")).contains("already owned by");
    }

    @Test
    void lookupAnswersOwnerTeamAndContactsForEveryKindOfQuery() {
        long finance = createSector("Banking " + suffix, true);
        long sectoral = create("/api/v1/teams", Map.of("name", "FinCERT " + suffix, "kind", "SECTORAL_CIRT",
                "country", "XC", "sectorId", finance));
        long isp = create("/api/v1/organisations", OrganisationBuilder.create().kind("ISP").build());
        long bank = create("/api/v1/organisations", OrganisationBuilder.create().named("Lookup Bank " + suffix)
                .inSector(finance).build());
        create("/api/v1/assets", asset(isp, "CIDR", "100.70.0.0/16"));
        create("/api/v1/assets", asset(bank, "CIDR", "100.70.5.0/24"));
        create("/api/v1/assets", asset(bank, "CIDR", "2001:db8:5::/48"));
        create("/api/v1/assets", asset(bank, "ASN", "AS64777"));
        create("/api/v1/assets", asset(bank, "DOMAIN", "lookup-bank-" + suffix + ".xc"));
        create("/api/v1/contacts", Map.of("organisationId", bank, "kind", "ROLE", "name", "Abuse desk",
                "email", "abuse@lookup-bank.xc", "available24x7", true, "languages", List.of("en", "FR")));

        JsonNode byIp = lookup("ip=100.70.5.9");
        assertThat(byIp.get("found").asBoolean()).isTrue();
        assertThat(byIp.get("organisation").get("id").asLong()).isEqualTo(bank);
        assertThat(byIp.get("matchedValue").asString()).isEqualTo("100.70.5.0/24");
        assertThat(byIp.get("responsibleTeam").get("id").asLong()).isEqualTo(sectoral);
        assertThat(byIp.get("contacts").get(0).get("email").asString()).isEqualTo("abuse@lookup-bank.xc");
        assertThat(byIp.get("contacts").get(0).get("languages").toString()).isEqualTo("[\"en\",\"fr\"]");

        assertThat(lookup("ip=100.70.6.1").get("organisation").get("id").asLong()).isEqualTo(isp);
        assertThat(lookup("ip=2001:db8:5:1::99").get("organisation").get("id").asLong()).isEqualTo(bank);
        assertThat(lookup("asn=64777").get("organisation").get("id").asLong()).isEqualTo(bank);
        assertThat(lookup("domain=www.Lookup-Bank-" + suffix + ".xc.").get("organisation").get("id").asLong())
                .isEqualTo(bank);
        assertThat(lookup("url=https://portal.lookup-bank-" + suffix + ".xc/login?x=1").get("organisation")
                .get("id").asLong()).isEqualTo(bank);
        assertThat(lookup("email=ceo@lookup-bank-" + suffix + ".xc").get("organisation").get("id").asLong())
                .isEqualTo(bank);
        assertThat(lookup("domain=notlookup-bank-" + suffix + ".xc").get("found").asBoolean()).isFalse();
        assertThat(lookup("ip=192.0.2.1").get("found").asBoolean()).isFalse();

        Response malformed = admin.get("/api/v1/lookup?ip=not-an-ip");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(admin.get("/api/v1/lookup?ip=1.2.3.4&asn=5").status()).isEqualTo(400);
    }

    @Test
    void organisationWithoutSectoralCirtIsHandledByTheNationalCirt() {
        long national = admin.get("/api/v1/teams?kind=NATIONAL_CIRT").json().get("items").size() > 0
                ? admin.get("/api/v1/teams?kind=NATIONAL_CIRT").json().get("items").get(0).get("id").asLong()
                : create("/api/v1/teams", Map.of("name", "CERT-XC " + suffix, "kind", "NATIONAL_CIRT",
                        "country", "XC"));
        long school = create("/api/v1/organisations", OrganisationBuilder.create().kind("ACADEMIA").build());
        create("/api/v1/assets", asset(school, "DOMAIN", "school-" + suffix + ".xc"));
        assertThat(lookup("domain=school-" + suffix + ".xc").get("responsibleTeam").get("id").asLong())
                .isEqualTo(national);
        Response second = admin.postJson("/api/v1/teams", Map.of("name", "Second national " + suffix,
                "kind", "NATIONAL_CIRT", "country", "XC"));
        assertThat(second.status()).isEqualTo(422);
    }

    @Test
    void contactKeyFingerprintIsComputedFromTheKey() {
        long organisation = create("/api/v1/organisations", OrganisationBuilder.create().build());
        PgpTestKeys.Key key = PgpTestKeys.generate();
        Response created = admin.postJson("/api/v1/contacts", Map.of("organisationId", organisation, "kind", "PERSON",
                "name", "Alice", "email", "alice@example.org", "pgpPublicKey", key.armoured()));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("pgpFingerprint").asString()).isEqualTo(key.fingerprint());

        Response garbage = admin.postJson("/api/v1/contacts", Map.of("organisationId", organisation, "kind", "PERSON",
                "name", "Bob", "email", "bob@example.org",
                "pgpPublicKey", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot a key\n-----END PGP PUBLIC KEY BLOCK-----"));
        assertThat(garbage.status()).isEqualTo(422);
        assertThat(fields(garbage)).containsKey("pgpPublicKey");
        Response badMail = admin.postJson("/api/v1/contacts", Map.of("organisationId", organisation, "kind", "ROLE",
                "name", "Abuse", "email", "abuse@@example", "languages", List.of("xx-klingon")));
        assertThat(fields(badMail)).containsKeys("email", "languages");
    }

    @Test
    void constituentSeesOnlyOwnOrganisation() {
        long own = create("/api/v1/organisations", OrganisationBuilder.create().named("Own " + suffix).build());
        long other = create("/api/v1/organisations", OrganisationBuilder.create().named("Other " + suffix).build());
        create("/api/v1/assets", asset(own, "DOMAIN", "own-" + suffix + ".xc"));
        long otherAsset = create("/api/v1/assets", asset(other, "DOMAIN", "other-" + suffix + ".xc"));
        long otherContact = create("/api/v1/contacts", Map.of("organisationId", other, "kind", "ROLE",
                "name", "Other abuse", "email", "abuse@other.xc"));
        String username = "member-" + suffix;
        userService.create(new NewUser(username, "Member", null, Role.CONSTITUENT, own, CONSTITUENT_PASSWORD, true, null));
        TestHttpClient member = TestHttpClient.basic(port, username, CONSTITUENT_PASSWORD);

        JsonNode list = member.get("/api/v1/organisations?size=500").json();
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("id").asLong()).isEqualTo(own);
        assertThat(member.get("/api/v1/organisations/" + own).status()).isEqualTo(200);
        assertThat(member.get("/api/v1/organisations/" + other).status()).isEqualTo(404);
        assertThat(member.get("/api/v1/organisations/" + other + "/assets").status()).isEqualTo(404);
        assertThat(member.get("/api/v1/assets/" + otherAsset).status()).isEqualTo(404);
        assertThat(member.get("/api/v1/contacts/" + otherContact).status()).isEqualTo(404);
        assertThat(member.get("/api/v1/assets?organisationId=" + other).json().get("total").asLong()).isZero();
        assertThat(member.get("/api/v1/assets?size=500").json().get("items").findValuesAsString("organisationName"))
                .containsOnly("Own " + suffix);
        assertThat(member.get("/api/v1/contacts?size=500").json().get("items").findValuesAsString("email"))
                .doesNotContain("abuse@other.xc");
        assertThat(member.get("/api/v1/lookup?domain=other-" + suffix + ".xc").status()).isEqualTo(403);
        assertThat(member.get("/api/v1/sectors").status()).isEqualTo(403);
        assertThat(member.postJson("/api/v1/organisations", OrganisationBuilder.create().build()).status()).isEqualTo(403);
        assertThat(member.delete("/api/v1/organisations/" + own).status()).isEqualTo(403);
    }

    @Test
    void deletingOrganisationRemovesItsAssetsFromTheLookupAndIsAudited() {
        long organisation = create("/api/v1/organisations", OrganisationBuilder.create().build());
        create("/api/v1/assets", asset(organisation, "CIDR", "198.18.40.0/24"));
        assertThat(lookup("ip=198.18.40.1").get("found").asBoolean()).isTrue();
        assertThat(admin.delete("/api/v1/organisations/" + organisation).status()).isEqualTo(204);
        assertThat(lookup("ip=198.18.40.1").get("found").asBoolean()).isFalse();
        JsonNode audit = admin.get("/api/v1/audit?entityType=organisation&entityId=" + organisation).json();
        assertThat(audit.get("items").findValuesAsString("action")).contains("CREATE", "DELETE");
        assertThat(admin.get("/api/v1/audit/verify").json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void organisationWithUserAccountsCannotBeDeleted() {
        long organisation = create("/api/v1/organisations", OrganisationBuilder.create().build());
        userService.create(new NewUser("holder-" + suffix, "Holder", null, Role.CONSTITUENT, organisation,
                CONSTITUENT_PASSWORD, true, null));
        Response refused = admin.delete("/api/v1/organisations/" + organisation);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("user accounts");
    }

    @Test
    void organisationAssetsAreListedByAddressAndNumberNotAsText() {
        long organisation = create("/api/v1/organisations", OrganisationBuilder.create().build());
        for (String cidr : List.of("100.80.144.0/21", "100.80.16.0/22", "100.80.2.0/24")) {
            create("/api/v1/assets", asset(organisation, "CIDR", cidr));
        }
        create("/api/v1/assets", asset(organisation, "ASN", "4200000001"));
        create("/api/v1/assets", asset(organisation, "ASN", "64999"));
        JsonNode owned = admin.get("/api/v1/organisations/" + organisation + "/assets").json();
        assertThat(owned.findValuesAsString("value")).containsExactly("100.80.2.0/24", "100.80.16.0/22",
                "100.80.144.0/21", "64999", "4200000001");
    }

    @Test
    void sectorInUseCannotBeDeleted() {
        long sector = createSector("Energy " + suffix, true);
        create("/api/v1/organisations", OrganisationBuilder.create().inSector(sector).build());
        Response refused = admin.delete("/api/v1/sectors/" + sector);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("still has organisations");
    }

    private JsonNode lookup(String query) {
        Response response = admin.get("/api/v1/lookup?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private long createSector(String name, boolean critical) {
        return create("/api/v1/sectors", Map.of("name", name, "criticalInfrastructure", critical));
    }

    private long create(String path, Object body) {
        Response response = admin.postJson(path, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().has("asset") ? response.json().get("asset").get("id").asLong()
                : response.json().get("id").asLong();
    }

    private static Map<String, Object> asset(long organisation, String kind, String value) {
        return Map.of("organisationId", organisation, "kind", kind, "value", value);
    }

    private static Map<String, String> fields(Response response) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        response.json().get("errors").forEach(error -> fields.putIfAbsent(error.get("field").asString(),
                error.get("message").asString()));
        return fields;
    }
}
