package org.opencirt.constituency.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
import org.opencirt.identity.NewUser;
import org.opencirt.identity.Role;
import org.opencirt.identity.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every constituency page over real HTTP, logged in through the login form as a browser would: each renders in
 * English and French without a missing message, forms answer with field messages instead of errors, and a
 * CONSTITUENT sees its own organisation only.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ui-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "opencirt.demo-data=false",
        "opencirt.admin-password=" + UiPagesIntegrationTests.ADMIN_PASSWORD})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiPagesIntegrationTests {

    static final String ADMIN_PASSWORD = "ui-pages-admin-password";
    private static final String CONSTITUENT_PASSWORD = "ui-pages-constituent-pw";
    /** What Thymeleaf prints for a message key that has no text, such as {@code ??asset.kind_fr??}. */
    private static final Pattern MISSING_MESSAGE = Pattern.compile("\\?\\?\\S+\\?\\?");

    @LocalServerPort
    int port;
    @Autowired
    SectorService sectors;
    @Autowired
    OrganisationService organisations;
    @Autowired
    AssetService assets;
    @Autowired
    ContactService contacts;
    @Autowired
    TeamService teams;
    @Autowired
    UserService users;

    private Sector sector;
    private Organisation own;
    private Organisation other;
    private NetworkAsset asset;
    private Contact contact;
    private Team team;

    @BeforeAll
    void createConstituency() throws IOException {
        sector = sectors.create(new Sector.Input("Pages Energy", "Power and gas", true));
        own = organisations.create(new Organisation.Input("Pages Grid Operator", "PGO", sector.id(), "XC",
                OrganisationKind.ESSENTIAL_SERVICES, null, "https://grid.example", "Runs the grid"));
        other = organisations.create(new Organisation.Input("Pages Other Utility", null, sector.id(), "XC",
                OrganisationKind.INDUSTRY, own.id(), null, null));
        asset = assets.create(new NetworkAsset.Input(own.id(), AssetKind.CIDR, "203.0.113.0/24", "office")).asset();
        assets.create(new NetworkAsset.Input(other.id(), AssetKind.DOMAIN, "other-utility.example", null));
        String key;
        try (InputStream in = getClass().getResourceAsStream("abuse-desk.asc")) {
            key = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        contact = contacts.create(new Contact.Input(own.id(), null, ContactKind.ROLE, "Grid abuse desk",
                "abuse@grid.example", "+000 1", true, List.of("en", "fr"), key, "Ask for the duty engineer"));
        team = teams.create(new Team.Input("Pages Energy CERT", "PE-CERT", TeamKind.SECTORAL_CIRT, "XC", null,
                sector.id(), List.of("FIRST", "TF-CSIRT"), new Team.Rfc2350("cert@energy.example", "+000 2",
                        null, "1 Grid Street", "Europe/Paris", "Protect the grid", "Energy sector", null, null,
                        "24/7", "en, fr", null, null, null, "Incident response", null, null,
                        LocalDate.of(2026, 1, 15))));
        contacts.create(new Contact.Input(null, team.id(), ContactKind.PERSON, "Energy duty officer",
                "duty@energy.example", null, true, List.of("fr"), null, null));
        users.create(new NewUser("pages-constituent", "Grid staff", null, Role.CONSTITUENT, own.id(),
                CONSTITUENT_PASSWORD, true, null));
    }

    @Test
    void everyPageRendersInEnglishAndFrenchWithoutMissingMessages() {
        Session admin = Session.login(base(), "admin", ADMIN_PASSWORD);
        List<String> paths = new ArrayList<>();
        for (String list : List.of("organisations/" + own.id(), "sectors/" + sector.id(), "teams/" + team.id(),
                "contacts/" + contact.id(), "assets/" + asset.id())) {
            String root = "/constituency/" + list.substring(0, list.indexOf('/'));
            paths.addAll(List.of(root, root + "/new", "/constituency/" + list, "/constituency/" + list + "/edit"));
        }
        paths.addAll(List.of("/constituency/organisations?q=grid&kind=ESSENTIAL_SERVICES&sectorId=" + sector.id(),
                "/constituency/assets?kind=CIDR&organisationId=" + own.id(), "/constituency/lookup",
                "/constituency/lookup?q=203.0.113.9", "/constituency/lookup?q=nobody.example",
                "/constituency/lookup?q=203.0.113.1%2F24"));
        for (String language : List.of("en", "fr")) {
            for (String path : paths) {
                HttpResponse<String> page = admin.get(path + (path.contains("?") ? "&" : "?") + "lang=" + language);
                assertThat(page.statusCode()).as(path + " in " + language).isEqualTo(200);
                assertThat(page.body()).as(path + " in " + language).contains("lang=\"" + language + "\"")
                        .doesNotContainPattern(MISSING_MESSAGE);
            }
        }
    }

    @Test
    void frenchTranslatesEveryConstituencyMessage() throws IOException {
        assertThat(keys("constituency_fr.properties")).isEqualTo(keys("constituency.properties"));
    }

    @Test
    void organisationPageShowsAssetsContactsFingerprintAndResponsibleTeam() {
        String page = Session.login(base(), "admin", ADMIN_PASSWORD)
                .get("/constituency/organisations/" + own.id() + "?lang=en").body();

        assertThat(page).contains("203.0.113.0/24", "Grid abuse desk", "42AA 5696 F993 77FB B838  730D 84AB 5E7C 640B CEF4",
                "Pages Energy CERT", "Pages Other Utility");
    }

    @Test
    void teamPageAndFormShowTheProfileInRfc2350Sections() {
        Session admin = Session.login(base(), "admin", ADMIN_PASSWORD);

        String page = admin.get("/constituency/teams/" + team.id() + "?lang=en").body();
        String form = admin.get("/constituency/teams/" + team.id() + "/edit?lang=en").body();

        assertThat(page).contains("2. Contact information", "3. Charter", "4. Policies", "5. Services",
                "Europe/Paris", "Protect the grid", "FIRST, TF-CSIRT", "2026-01-15", "Energy duty officer");
        assertThat(form).contains("name=\"profile.timeZone\"", "value=\"Europe/Paris\"",
                ">Protect the grid</textarea>", "value=\"FIRST, TF-CSIRT\"");
    }

    @Test
    void liveSearchAnswersOnlyTheResultsTable() {
        HttpResponse<String> fragment = Session.login(base(), "admin", ADMIN_PASSWORD)
                .get("/constituency/organisations?q=other+util", "HX-Request", "true");

        assertThat(fragment.statusCode()).isEqualTo(200);
        // the grid operator appears only as the match's parent ("part of"), not as a row of its own
        assertThat(fragment.body()).startsWith("<div id=\"results\"").contains("Pages Other Utility")
                .doesNotContain(">Pages Grid Operator</a>", "<html");
    }

    @Test
    void lookupAnswersTheOwnerTeamAndContacts() {
        String answer = Session.login(base(), "admin", ADMIN_PASSWORD)
                .get("/constituency/lookup?q=https://www.other-utility.example/login&lang=en").body();

        assertThat(answer).contains("Pages Other Utility", "other-utility.example", "Pages Energy CERT",
                "Energy duty officer", "Grid abuse desk");
    }

    @Test
    void lookupShowsTheParserMessageForMalformedInput() {
        HttpResponse<String> answer = Session.login(base(), "admin", ADMIN_PASSWORD)
                .get("/constituency/lookup?q=AS99999999999", "HX-Request", "true");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("lookup-error", "AS99999999999");
    }

    @Test
    void invalidFormIsShownAgainWithFieldMessagesAndTheUsersInput() {
        Session admin = Session.login(base(), "admin", ADMIN_PASSWORD);

        HttpResponse<String> page = admin.post("/constituency/organisations", Map.of("name", "",
                "shortName", "Typed short name", "country", "QQ", "kind", "ISP", "website", "https://typed.example"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("field-error", "must not be blank", "is not an ISO 3166 alpha-2 country code",
                "value=\"Typed short name\"", "value=\"https://typed.example\"");
    }

    @Test
    void unreadableFormValueIsAFieldMessageNotAnError() {
        HttpResponse<String> page = Session.login(base(), "admin", ADMIN_PASSWORD)
                .post("/constituency/organisations", Map.of("name", "Unreadable", "country", "XC",
                        "kind", "NO_SUCH_KIND", "sectorId", "abc"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("field-error", "NO_SUCH_KIND");
    }

    @Test
    void teamFormSavesCommaSeparatedMembershipsAndProfileDate() {
        Session admin = Session.login(base(), "admin", ADMIN_PASSWORD);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "Pages Peer CERT");
        form.put("kind", "FOREIGN_PEER");
        form.put("country", "fr");
        form.put("memberships", "FIRST, TF-CSIRT ,");
        form.put("profile.email", "cert@peer.example");
        form.put("profile.mission", "Help peers");
        form.put("profile.updatedOn", "2026-02-03");
        form.put("profile.phone", " ");

        HttpResponse<String> page = admin.post("/constituency/teams", form);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).matches("/constituency/teams/\\d+");
        Team saved = teams.get(Long.parseLong(page.uri().getPath().replaceAll("\\D+", "")));
        assertThat(saved.memberships()).containsExactly("FIRST", "TF-CSIRT");
        assertThat(saved.profile().updatedOn()).isEqualTo(LocalDate.of(2026, 2, 3));
        assertThat(saved.profile().mission()).isEqualTo("Help peers");
        assertThat(saved.profile().phone()).as("blank is not given").isNull();
    }

    @Test
    void addingANestedRangeInlineWarnsAboutTheCoveringOwner() {
        HttpResponse<String> section = Session.login(base(), "admin", ADMIN_PASSWORD).post(
                "/constituency/organisations/" + other.id() + "/assets",
                Map.of("kind", "CIDR", "value", "203.0.113.128/25"), "HX-Request", "true");

        assertThat(section.statusCode()).isEqualTo(200);
        assertThat(section.body()).startsWith("<section class=\"card\" id=\"assets\"")
                .contains("203.0.113.128/25", "overlaps 203.0.113.0/24 of Pages Grid Operator");
    }

    @Test
    void deletingASectorInUseShowsWhy() {
        HttpResponse<String> page = Session.login(base(), "admin", ADMIN_PASSWORD)
                .post("/constituency/sectors/" + sector.id() + "/delete", Map.of());

        assertThat(page.uri().getPath()).isEqualTo("/constituency/sectors/" + sector.id());
        assertThat(page.body()).contains("id=\"problem\"", "still has organisations or teams");
    }

    @Test
    void constituentSeesOnlyItsOwnOrganisationAndNoEditButtons() {
        Session constituent = Session.login(base(), "pages-constituent", CONSTITUENT_PASSWORD);

        assertThat(constituent.get("/constituency/organisations/" + other.id()).statusCode()).isEqualTo(404);
        String list = constituent.get("/constituency/organisations").body();
        assertThat(list).contains("Pages Grid Operator")
                .doesNotContain("Pages Other Utility", "id=\"new\"", "id=\"sectorId\"");
        HttpResponse<String> ownPage = constituent.get("/constituency/organisations/" + own.id());
        assertThat(ownPage.statusCode()).isEqualTo(200);
        assertThat(ownPage.body()).contains("Grid abuse desk").doesNotContain("id=\"edit\"", "asset-form");
        assertThat(constituent.get("/constituency/organisations/new").statusCode()).isEqualTo(403);
        assertThat(constituent.get("/constituency/lookup").statusCode()).isEqualTo(403);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static Set<String> keys(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = UiPagesIntegrationTests.class.getResourceAsStream("/i18n/" + file)) {
            properties.load(in);
        }
        return properties.stringPropertyNames();
    }

    /** A browser's HTTP session: cookies, redirects followed, the CSRF token of the last page sent with posts. */
    static final class Session {

        private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        private final String base;
        private String csrf;

        private Session(String base) {
            this.base = base;
        }

        static Session login(String base, String username, String password) {
            Session session = new Session(base);
            session.get("/login");
            HttpResponse<String> home = session.post("/login", Map.of("username", username, "password", password));
            assertThat(home.uri().getPath()).as("login of " + username).isEqualTo("/");
            return session;
        }

        HttpResponse<String> get(String path, String... headers) {
            return send(request(path, headers).GET());
        }

        private HttpRequest.Builder request(String path, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html");
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return request;
        }

        HttpResponse<String> post(String path, Map<String, String> fields, String... headers) {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", csrf);
            String body = all.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&"));
            return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Matcher token = CSRF.matcher(response.body());
                if (token.find()) {
                    csrf = token.group(1);
                }
                return response;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }
}
