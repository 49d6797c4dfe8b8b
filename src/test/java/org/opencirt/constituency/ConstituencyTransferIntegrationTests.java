package org.opencirt.constituency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opencirt.audit.AuditChannel;
import org.opencirt.audit.AuditEntry;
import org.opencirt.audit.AuditLog;
import org.opencirt.audit.AuditQuery;
import org.opencirt.common.PageRequest;
import org.opencirt.identity.NewUser;
import org.opencirt.identity.Role;
import org.opencirt.identity.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bulk import and export through the real HTTP API, as an administrator would script it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:transfer-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH",
        "opencirt.demo-data=false",
        "opencirt.admin-password=" + ConstituencyTransferIntegrationTests.PASSWORD})
class ConstituencyTransferIntegrationTests {

    static final String PASSWORD = "transfer-test-password";
    private static final List<String> ORDER = List.of("sectors", "organisations", "teams", "contacts", "assets");

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;
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
    AuditLog audit;
    @Autowired
    UserService users;

    @Test
    void exportThenImportIntoACleanConstituencyGivesTheSameData() throws Exception {
        createSampleConstituency("rt");
        for (String format : List.of("csv", "json")) {
            Map<String, String> exported = exportAll(format);
            assertThat(exported.get("organisations")).contains("Bank of RT").contains("RT Bank Subsidiary");
            wipeConstituency();
            assertThat(organisations.all()).isEmpty();
            for (String type : ORDER) {
                HttpResponse<String> response = importFile(type, format, exported.get(type), false, "admin");
                assertThat(response.statusCode()).as(type + " " + format + ": " + response.body()).isEqualTo(200);
                assertThat(body(response).get("errors").size()).isZero();
            }
            assertThat(exportAll(format)).isEqualTo(exported);
        }
        Contact keyed = contacts.all().stream().filter(c -> c.email().equals("duty@rt.example")).findFirst()
                .orElseThrow();
        assertThat(keyed.pgpFingerprint()).isEqualTo("EE872450CBD4BE6D3FEA1DFE9D13E1ECC957C778");
    }

    @Test
    void oneBadRowAmongGoodOnesImportsNothingAndListsTheBadRow() throws Exception {
        long auditBefore = auditCount();
        String csv = """
                name,kind,country,sector
                Good One,INDUSTRY,XC,
                Bad Row,BANKING,XC,
                Good Two,OTHER,XC,
                Worse Row,ACADEMIA,Atlantis,No Such Sector
                """;
        HttpResponse<String> response = importFile("organisations", "csv", csv, false, "admin");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        List<JsonNode> errors = body(response).get("errors").values().stream().toList();
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0).get("row").asInt()).isEqualTo(2);
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(3);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("kind");
        assertThat(errors.get(0).get("message").asString()).contains("BANKING");
        assertThat(errors.subList(1, 3)).allSatisfy(error -> assertThat(error.get("row").asInt()).isEqualTo(4));
        assertThat(errors.subList(1, 3)).extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("country", "sector");
        assertThat(organisationNames()).doesNotContain("Good One", "Good Two");
        assertThat(auditCount()).isEqualTo(auditBefore);
    }

    @Test
    void dryRunReportsWhatWouldHappenAndWritesNothing() throws Exception {
        long auditBefore = auditCount();
        String json = """
                [{"name": "Dry Parent", "kind": "GOVERNMENT"},
                 {"name": "Dry Child", "kind": "GOVERNMENT", "parent": "Dry Parent"}]""";

        HttpResponse<String> response = importFile("organisations", "json", json, true, "admin");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = body(response);
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("created").asInt()).isEqualTo(2);
        assertThat(report.get("updated").asInt()).isZero();
        assertThat(organisationNames()).doesNotContain("Dry Parent", "Dry Child");
        assertThat(auditCount()).isEqualTo(auditBefore);
    }

    @Test
    void unreadableFilesAreRefusedWithAProblemNotAServerError() throws Exception {
        assertUnreadable(importFile("sectors", "csv", "name,colour\nEnergy,blue\n", false, "admin"),
                400, "Unknown column 'colour'");
        assertUnreadable(importFile("sectors", "csv", "", false, "admin"), 400, "empty");
        assertUnreadable(importFile("sectors", "csv", "description\nno name column\n", false, "admin"), 400,
                "Required column name");
        assertUnreadable(importFile("sectors", "csv", "name\n\"Energy\n", false, "admin"), 400, "not valid CSV");
        assertUnreadable(importFile("sectors", "json", "{not json", false, "admin"), 400, "not valid JSON");
        assertUnreadable(importFile("sectors", "json", "{\"name\": \"x\"}", false, "admin"), 400, "JSON array");
        assertUnreadable(importFile("sectors", "json", "[{\"name\": \"x\", \"owner\": 1}]", false, "admin"), 400,
                "Unknown field 'owner'");
        byte[] latin1 = "name\nÉnergie\n".getBytes(StandardCharsets.ISO_8859_1);
        assertUnreadable(post("/api/v1/import?type=sectors&format=csv", "text/csv", latin1, "admin"), 400, "UTF-8");
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertUnreadable(post("/api/v1/import?type=sectors&format=csv", "text/csv", binary, "admin"), 400, "");
        byte[] huge = new byte[ConstituencyTransfer.MAX_BYTES + 1];
        Arrays.fill(huge, (byte) 'a');
        assertUnreadable(post("/api/v1/import?type=sectors&format=csv", "text/csv", huge, "admin"), 413, "20 MB");
        assertUnreadable(post("/api/v1/import?type=sectors&format=csv", "application/x-www-form-urlencoded",
                "name\nX\n".getBytes(StandardCharsets.UTF_8), "admin"), 400, "text/csv");
        HttpResponse<String> unknownType = importFile("planets", "csv", "name\nMars\n", false, "admin");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(body(unknownType).get("detail").asString()).contains("sectors, organisations");
    }

    @Test
    void rowsMayReferToRowsEarlierInTheSameFileByName() throws Exception {
        String suffix = unique();
        sectors.create(new Sector.Input("Energy " + suffix, null, true));
        String csv = "name,kind,sector,parent\n"
                + "Grid " + suffix + ",ESSENTIAL_SERVICES,Energy " + suffix + ",\n"
                + "Grid North " + suffix + ",ESSENTIAL_SERVICES,Energy " + suffix + ",Grid " + suffix + "\n"
                + "Grid North Depot " + suffix + ",INDUSTRY,,Grid North " + suffix + "\n";

        HttpResponse<String> response = importFile("organisations", "csv", csv, false, "admin");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(body(response).get("created").asInt()).isEqualTo(3);
        Organisation depot = organisation("Grid North Depot " + suffix);
        assertThat(depot.parentName()).isEqualTo("Grid North " + suffix);
        assertThat(depot.country()).isEqualTo("XC");
        assertThat(organisation("Grid North " + suffix).parentName()).isEqualTo("Grid " + suffix);

        String assetsJson = "[{\"organisation\": \"Grid " + suffix + "\", \"kind\": \"cidr\", \"value\": \"10."
                + (port % 200) + ".0.0/16\"},"
                + "{\"organisation\": \"Grid North " + suffix + "\", \"kind\": \"DOMAIN\", \"value\": \"North."
                + suffix + ".Example.\"}]";
        HttpResponse<String> assetResponse = importFile("assets", "json", assetsJson, false, "admin");
        assertThat(assetResponse.statusCode()).as(assetResponse.body()).isEqualTo(200);
        assertThat(assets.ofOrganisation(organisation("Grid North " + suffix).id())).extracting(NetworkAsset::value)
                .containsExactly("north." + suffix + ".example");
    }

    @Test
    void aReferenceToALaterRowOrADuplicateRowIsAnError() throws Exception {
        String suffix = unique();
        String csv = "name,kind,parent\n"
                + "Child " + suffix + ",OTHER,Parent " + suffix + "\n"
                + "Parent " + suffix + ",OTHER,\n"
                + "parent " + suffix + ",OTHER,\n";

        HttpResponse<String> response = importFile("organisations", "csv", csv, false, "admin");

        assertThat(response.statusCode()).isEqualTo(422);
        List<JsonNode> errors = body(response).get("errors").values().stream().toList();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("parent");
        assertThat(errors.get(0).get("message").asString()).contains("earlier row");
        assertThat(errors.get(1).get("row").asInt()).isEqualTo(3);
        assertThat(errors.get(1).get("message").asString()).isEqualTo("duplicates row 2 of this file");
    }

    @Test
    void aTooLongRfc2350FieldIsARowErrorNotAServerError() throws Exception {
        String json = "[{\"name\": \"Long " + unique() + "\", \"kind\": \"FOREIGN_PEER\", \"country\": \"FR\","
                + " \"profile\": {\"mission\": \"" + "x".repeat(4001) + "\", \"email\": \" cert@long.example \"}}]";

        HttpResponse<String> response = importFile("teams", "json", json, true, "admin");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(body(response).get("errors").values()).singleElement().satisfies(error -> {
            assertThat(error.get("field").asString()).isEqualTo("profile.mission");
            assertThat(error.get("message").asString()).isEqualTo("must be at most 4000 characters");
        });
    }

    @Test
    void importingAgainUpdatesChangedRowsByNameAndLeavesTheOthers() throws Exception {
        String suffix = unique();
        String first = "name,description,criticalInfrastructure\nHealth " + suffix + ",Hospitals,yes\n"
                + "Water " + suffix + ",,no\n";
        assertThat(body(importFile("sectors", "csv", first, false, "admin")).get("created").asInt()).isEqualTo(2);

        String second = "criticalInfrastructure,name,description\ntrue,HEALTH " + suffix + ",Hospitals,\n"
                + "false,Water " + suffix + ",Drinking water\n";
        JsonNode report = body(importFile("sectors", "csv", second.replace(",\n", "\n"), false, "admin"));

        assertThat(report.get("created").asInt()).isZero();
        assertThat(report.get("updated").asInt()).isEqualTo(2);
        JsonNode again = body(importFile("sectors", "csv", second.replace(",\n", "\n"), false, "admin"));
        assertThat(again.get("unchanged").asInt()).isEqualTo(2);
        assertThat(sectors.all()).filteredOn(s -> s.name().equalsIgnoreCase("water " + suffix))
                .singleElement().satisfies(s -> assertThat(s.description()).isEqualTo("Drinking water"));
    }

    @Test
    void importChangesAreAuditedWithTheImportChannel() throws Exception {
        String suffix = unique();
        HttpResponse<String> response = importFile("sectors", "json",
                "[{\"name\": \"Space " + suffix + "\", \"criticalInfrastructure\": true}]", false, "admin");
        assertThat(response.statusCode()).isEqualTo(200);

        List<AuditEntry> entries = audit.search(new AuditQuery(null, "CREATE", "sector", null,
                AuditChannel.IMPORT.name(), null, null), new PageRequest(0, 500)).items();
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.summary()).isEqualTo("sector Space " + suffix);
            assertThat(entry.actor()).isEqualTo("admin");
        });
        assertThat(audit.search(new AuditQuery("admin", "IMPORT", "import", "sectors", AuditChannel.IMPORT.name(),
                null, null), new PageRequest(0, 500)).items()).anySatisfy(entry -> assertThat(entry.summary())
                        .isEqualTo("JSON import of 1 sectors: 1 created, 0 updated, 0 unchanged"));
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void semicolonSeparatedFilesFromSpreadsheetsAreReadToo() throws Exception {
        String suffix = unique();
        String csv = "name;description;criticalInfrastructure\r\nPorts " + suffix + ";\"Sea; river\";yes\r\n";

        HttpResponse<String> response = importFile("sectors", "csv", csv, false, "admin");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(sectors.all()).filteredOn(s -> s.name().equals("Ports " + suffix)).singleElement()
                .satisfies(s -> assertThat(s.description()).isEqualTo("Sea; river"));
    }

    @Test
    void multipartUploadWorksLikeARequestBody() throws Exception {
        String suffix = unique();
        String boundary = "----opencirt" + suffix;
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nname\nMultipart " + suffix + "\n\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = post("/api/v1/import?type=sectors&dryRun=true",
                "multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8), "admin");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(body(response).get("created").asInt()).isEqualTo(1);
    }

    @Test
    void aConstituentExportsOnlyItsOwnOrganisationAndCannotImport() throws Exception {
        String suffix = unique();
        Organisation own = organisations.create(new Organisation.Input("Own " + suffix, null, null, "XC",
                OrganisationKind.INDUSTRY, null, null, null));
        Organisation other = organisations.create(new Organisation.Input("Other " + suffix, null, null, "XC",
                OrganisationKind.INDUSTRY, null, null, null));
        assets.create(new NetworkAsset.Input(own.id(), AssetKind.DOMAIN, "own-" + suffix + ".example", null));
        assets.create(new NetworkAsset.Input(other.id(), AssetKind.DOMAIN, "other-" + suffix + ".example", null));
        users.create(new NewUser("member-" + suffix, "Member", null, Role.CONSTITUENT, own.id(), PASSWORD, true,
                null));

        String organisationsCsv = get("/api/v1/export?type=organisations&format=csv", "member-" + suffix).body();
        String assetsJson = get("/api/v1/export?type=assets&format=json", "member-" + suffix).body();

        assertThat(organisationsCsv.lines()).hasSize(2);
        assertThat(organisationsCsv).contains("Own " + suffix).doesNotContain("Other " + suffix);
        assertThat(json.readTree(assetsJson).values()).singleElement()
                .satisfies(asset -> assertThat(asset.get("value").asString()).isEqualTo("own-" + suffix + ".example"));
        assertThat(importFile("sectors", "csv", "name\nX\n", true, "member-" + suffix).statusCode()).isEqualTo(403);
    }

    @Test
    void theImportPageChecksImportsAndExportsThroughTheBrowser() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String csrf = csrfToken(browser.send(page("/login").GET().build(), HttpResponse.BodyHandlers.ofString())
                .body());
        HttpResponse<String> login = browser.send(page("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + PASSWORD + "&_csrf=" + csrf))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));

        HttpResponse<String> form = browser.send(page("/constituency/import").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Check (dry run)")
                .contains("/constituency/export?type=assets&amp;format=json");
        csrf = csrfToken(form.body());

        String suffix = unique();
        String bad = browser.send(upload(csrf, "check", "name,criticalInfrastructure\nUI " + suffix + ",maybe\n"),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(bad).contains("id=\"row-errors\"").contains("&#39;maybe&#39; is not true or false");
        String checked = browser.send(upload(csrf, "check", "name\nUI " + suffix + "\n"),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(checked).contains("Importing it would create 1");
        String imported = browser.send(upload(csrf, "import", "name\nUI " + suffix + "\n"),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(imported).contains("Imported: 1 created");

        HttpResponse<String> download = browser.send(page("/constituency/export?type=sectors&format=json").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(download.body()).contains("\"UI " + suffix + "\"");
        assertThat(browser.send(page("/constituency/import?lang=fr").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("V\u00e9rifier (essai \u00e0 blanc)");
    }

    private HttpRequest upload(String csrf, String action, String csv) {
        String boundary = "----opencirt" + unique();
        StringBuilder body = new StringBuilder();
        Map<String, String> fields = Map.of("_csrf", csrf, "type", "sectors", "format", "csv", "action", action);
        fields.forEach((name, value) -> body.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; ")
                .append("filename=\"sectors.csv\"\r\nContent-Type: text/csv\r\n\r\n").append(csv).append("\r\n--")
                .append(boundary).append("--\r\n");
        return page("/constituency/import").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest.Builder page(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html");
    }

    private static String csrfToken(String html) {
        Matcher matcher = Pattern.compile("name=\"_csrf\"[^>]*(?:value|content)=\"([^\"]+)\"|"
                + "(?:value|content)=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(html);
        assertThat(matcher.find()).as("CSRF token in page").isTrue();
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private void createSampleConstituency(String tag) throws IOException {
        String key;
        try (InputStream in = getClass().getResourceAsStream("/demo/duty-officer-cirt-gov-xc.asc")) {
            key = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String upper = tag.toUpperCase();
        Sector finance = sectors.create(new Sector.Input(upper + " Finance", "Banks, \"insurers\"; and more", true));
        sectors.create(new Sector.Input(upper + " Leisure", null, false));
        Organisation bank = organisations.create(new Organisation.Input("Bank of " + upper, "BO" + upper,
                finance.id(), "XC", OrganisationKind.ESSENTIAL_SERVICES, null, "https://bank.example",
                "=HYPERLINK(\"evil\")\nsecond line"));
        Organisation subsidiary = organisations.create(new Organisation.Input(upper + " Bank Subsidiary", null,
                finance.id(), "XC", OrganisationKind.INDUSTRY, bank.id(), null, null));
        Team sectoral = teams.create(new Team.Input(upper + " Finance CERT", "FIN-" + upper, TeamKind.SECTORAL_CIRT,
                "XC", bank.id(), finance.id(), List.of("FIRST", "TF-CSIRT"), new Team.Rfc2350("cert@rt.example",
                        "+000 1", "https://cert.example", "1 Main St\nCaldera", "UTC", "Protect banks", "Banks",
                        null, null, "24/7", "en,fr", null, null, null, "Incident handling", null, null,
                        LocalDate.of(2026, 1, 31))));
        contacts.create(new Contact.Input(bank.id(), null, ContactKind.ROLE, "Abuse desk", "abuse@rt.example",
                "+000 2", true, List.of("en", "fr"), null, "-handle with care"));
        contacts.create(new Contact.Input(null, sectoral.id(), ContactKind.PERSON, "Duty officer",
                "duty@rt.example", null, false, List.of("es"), key, null));
        assets.create(new NetworkAsset.Input(bank.id(), AssetKind.CIDR, "198.18.0.0/24", "main"));
        assets.create(new NetworkAsset.Input(subsidiary.id(), AssetKind.CIDR, "198.18.0.128/25", null));
        assets.create(new NetworkAsset.Input(bank.id(), AssetKind.CIDR, "2001:db8:ab::/48", null));
        assets.create(new NetworkAsset.Input(bank.id(), AssetKind.ASN, "AS64512", null));
        assets.create(new NetworkAsset.Input(bank.id(), AssetKind.DOMAIN, "bänk.example", "IDN, with comma"));
    }

    private void wipeConstituency() {
        teams.all().forEach(team -> teams.delete(team.id()));
        List<Organisation> all = new ArrayList<>(organisations.all());
        all.sort(Comparator.comparing((Organisation o) -> depth(o, all)).reversed());
        all.forEach(organisation -> organisations.delete(organisation.id()));
        sectors.all().forEach(sector -> sectors.delete(sector.id()));
    }

    private static int depth(Organisation organisation, List<Organisation> all) {
        int depth = 0;
        Long parent = organisation.parentId();
        while (parent != null) {
            Long current = parent;
            parent = all.stream().filter(o -> o.id() == current).findFirst().map(Organisation::parentId).orElse(null);
            depth++;
        }
        return depth;
    }

    private Map<String, String> exportAll(String format) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (String type : ORDER) {
            HttpResponse<String> response = get("/api/v1/export?type=" + type + "&format=" + format, "admin");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                    value -> assertThat(value).contains("opencirt-" + type));
            files.put(type, response.body());
        }
        return files;
    }

    private Organisation organisation(String name) {
        return organisations.all().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    private List<String> organisationNames() {
        return organisations.all().stream().map(Organisation::name).toList();
    }

    private long auditCount() {
        return audit.search(AuditQuery.all(), new PageRequest(0, 1)).total();
    }

    private void assertUnreadable(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body(response).get("detail").asString()).contains(detail);
    }

    private HttpResponse<String> importFile(String type, String format, String content, boolean dryRun, String user)
            throws Exception {
        return post("/api/v1/import?type=" + type + "&format=" + format + "&dryRun=" + dryRun,
                format.equals("csv") ? "text/csv" : "application/json", content.getBytes(StandardCharsets.UTF_8),
                user);
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, String user) throws Exception {
        return http.send(request(path, user).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String user) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + credentials);
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
