package org.opencirt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.test.IncidentBuilder;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.MultipartForm;
import org.opencirt.test.OrganisationBuilder;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * The constituent portal over real HTTP, logged in through the login form: reporting for one's own organisation,
 * and seeing only that organisation's incidents, without internal comments or internal timeline entries.
 */
@IntegrationTest
class PortalIntegrationTests extends IntegrationTestSupport {

    TestHttpClient admin;
    String suffix;

    @BeforeEach
    void setUp() {
        admin = asAdmin();
        suffix = Long.toString(System.nanoTime(), 36);
    }

    @Test
    void constituentReportsAnIncidentForItsOwnOrganisation() {
        long own = createOrganisation("Portal own " + suffix);
        TestHttpClient member = loggedIn(createConstituent(own));
        Response form = member.get("/portal/report");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"report-form\"").doesNotContain("name=\"email\"", "name=\"website\"");

        MultipartForm report = new MultipartForm().field("_csrf", form.csrfToken())
                .field("subject", "Ransomware on file server " + suffix)
                .field("description", "Files renamed to .locked").field("affectedSystems", "fs01.own.example")
                .file("attachments", "note.txt", "text/plain", "pay us");
        Response sent = member.post("/portal/report", report.contentType(), report.body());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(302);
        assertThat(sent.header("Location")).endsWith("/portal/incidents");
        Response list = member.get("/portal/incidents");
        assertThat(list.body()).contains("id=\"reported\"", "Ransomware on file server " + suffix);

        JsonNode stored = admin.get("/api/v1/reports?q=Ransomware+on+file+server+" + suffix).json().get("items")
                .get(0);
        assertThat(stored.get("channel").asString()).isEqualTo("PORTAL");
        assertThat(stored.get("organisationId").asLong()).isEqualTo(own);
        assertThat(stored.get("reporterName").asString()).startsWith("Member ");
        assertThat(stored.get("attachments")).hasSize(1);

        MultipartForm blank = new MultipartForm().field("_csrf", form.csrfToken()).field("subject", " ")
                .field("description", "");
        Response refused = member.post("/portal/report", blank.contentType(), blank.body());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"subject-error\"", "id=\"description-error\"", "Fill in this field.");
    }

    @Test
    void constituentSeesOnlyItsOrganisationsIncidentsAndNoInternalNotes() {
        long own = createOrganisation("Portal own " + suffix);
        long other = createOrganisation("Portal other " + suffix);
        long ownIncident = open(IncidentBuilder.create().titled("Own defacement " + suffix).affecting(own).build());
        long otherIncident = open(IncidentBuilder.create().titled("Other leak " + suffix).affecting(other).build());
        long redIncident = open(IncidentBuilder.create().titled("Red matter " + suffix).affecting(own).tlp("RED")
                .build());
        admin.postJson("/api/v1/incidents/" + ownIncident + "/comments", Map.of("body", "internal: suspect the admin"));
        admin.postJson("/api/v1/incidents/" + ownIncident + "/comments", Map.of("body",
                "Please send us the web server logs", "internal", false));
        admin.postJson("/api/v1/incidents/" + ownIncident + "/timeline", Map.of("body", "internal timeline note"));
        admin.postJson("/api/v1/incidents/" + ownIncident + "/timeline", Map.of("body", "Site restored from backup",
                "internal", false));

        TestUser user = createConstituent(own);
        TestHttpClient member = loggedIn(user);
        Response list = member.get("/portal/incidents");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Own defacement " + suffix)
                .doesNotContain("Other leak " + suffix, "Red matter " + suffix);

        Response detail = member.get("/portal/incidents/" + ownIncident);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("Please send us the web server logs", "Site restored from backup")
                .doesNotContain("suspect the admin", "internal timeline note");
        assertThat(member.get("/portal/incidents/" + otherIncident).status()).isEqualTo(404);
        assertThat(member.get("/portal/incidents/" + redIncident).status()).isEqualTo(404);

        Response answer = member.postFormFrom("/portal/incidents/" + ownIncident,
                "/portal/incidents/" + ownIncident + "/comments", Map.of("body", "Logs are attached to our mail"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(302);
        assertThat(member.get("/portal/incidents/" + ownIncident).body()).contains("Logs are attached to our mail");
        JsonNode comments = admin.get("/api/v1/incidents/" + ownIncident + "/comments").json();
        JsonNode mine = comments.valueStream().filter(c -> c.get("body").asString().startsWith("Logs are"))
                .findFirst().orElseThrow();
        assertThat(mine.get("internal").asBoolean()).isFalse();
        assertThat(mine.get("author").asString()).isEqualTo(user.username());

        Response empty = member.postFormFrom("/portal/incidents/" + ownIncident,
                "/portal/incidents/" + ownIncident + "/comments", Map.of("body", "  "));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("id=\"answer-error\"");
        Response elsewhere = member.postFormFrom("/portal/incidents/" + ownIncident,
                "/portal/incidents/" + otherIncident + "/comments", Map.of("body", "peek"));
        assertThat(elsewhere.status()).isEqualTo(404);
    }

    @Test
    void portalIsForConstituentsOnly() {
        assertThat(loggedIn(createUser(Role.ANALYST)).get("/portal/incidents").status()).isEqualTo(403);
        Response anonymous = anonymous().get("/portal/incidents");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("Location")).endsWith("/login");
    }

    @Test
    void portalPagesRenderInFrench() {
        TestHttpClient member = loggedIn(createConstituent(createOrganisation("Portal fr " + suffix)));
        assertThat(member.get("/portal/incidents?lang=fr").body()).contains("Nos incidents", "Nos signalements")
                .doesNotContain("??");
        assertThat(member.get("/portal/report").body()).contains("Signaler un incident", "Que s&#39;est-il pass")
                .doesNotContain("??");
    }


    private long open(Map<String, Object> incident) {
        Response created = admin.postJson("/api/v1/incidents", incident);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }
}
