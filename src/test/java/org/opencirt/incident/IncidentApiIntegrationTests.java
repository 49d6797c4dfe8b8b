package org.opencirt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.test.IncidentBuilder;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.OrganisationBuilder;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import tools.jackson.databind.JsonNode;

/** Incident handling through the API as analysts, constituents and machines use it: real HTTP and database. */
@IntegrationTest
class IncidentApiIntegrationTests extends IntegrationTestSupport {

    TestHttpClient admin;
    String suffix;

    @BeforeEach
    void setUp() {
        admin = asAdmin();
        suffix = Long.toString(System.nanoTime(), 36);
    }

    @Test
    void machineReportIsIdempotentBySourceReferenceAndTriagedIntoAnIncident() {
        TestUser analyst = createUser(Role.ANALYST);
        TestHttpClient machine = as(analyst);
        Map<String, Object> report = Map.of("sourceRef", "ticket-" + suffix, "subject", "Defacement of www " + suffix,
                "body", "The home page shows a hacktivist banner", "observables",
                List.of(Map.of("type", "URL", "value", "https://www-" + suffix + ".example/index.html")));
        Response first = machine.postJson("/api/v1/reports", report);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Response again = machine.postJson("/api/v1/reports", report);
        assertThat(again.status()).isEqualTo(200);
        long reportId = first.json().get("id").asLong();
        assertThat(again.json().get("id").asLong()).isEqualTo(reportId);
        assertThat(first.json().get("trackingCode").asString()).matches("R-[A-Z2-9]{5}-[A-Z2-9]{5}");
        assertThat(first.json().get("rawSha256").asString()).hasSize(64);

        Response triage = machine.postJson("/api/v1/reports/triage", Map.of("reportIds", List.of(reportId),
                "action", "ACCEPT", "incident", Map.of("classificationType", "application-compromise",
                        "severity", "HIGH")));
        assertThat(triage.status()).as(triage.body()).isEqualTo(200);
        JsonNode incident = triage.json().get("incident");
        long id = incident.get("id").asLong();
        assertThat(incident.get("title").asString()).isEqualTo("Defacement of www " + suffix);
        assertThat(incident.get("classificationTaxonomy").asString()).isEqualTo("intrusions");
        assertThat(incident.get("state").asString()).isEqualTo("NEW");
        assertThat(incident.get("responseDue").asString()).isNotBlank();
        assertThat(machine.get("/api/v1/incidents/" + id + "/observables").json().get(0).get("type").asString())
                .isEqualTo("URL");
        assertThat(machine.get("/api/v1/reports/" + reportId).json().get("state").asString()).isEqualTo("ACCEPTED");

        Response twice = machine.postJson("/api/v1/reports/triage", Map.of("reportIds", List.of(reportId),
                "action", "REJECT", "reason", "spam"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(auditActions("report", reportId)).containsExactly("CREATE", "ACCEPTED");
    }

    @Test
    void rejectingNeedsAReasonAndIsRecorded() {
        long reportId = admin.postJson("/api/v1/reports", Map.of("subject", "Cheap pills " + suffix, "body", "buy"))
                .json().get("id").asLong();
        Response noReason = admin.postJson("/api/v1/reports/triage", Map.of("reportIds", List.of(reportId),
                "action", "REJECT"));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(admin.postJson("/api/v1/reports/triage", Map.of("reportIds", List.of(reportId), "action", "REJECT",
                "reason", "spam")).status()).isEqualTo(200);
        JsonNode rejected = admin.get("/api/v1/reports/" + reportId).json();
        assertThat(rejected.get("state").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("decisionReason").asString()).isEqualTo("spam");
    }

    @Test
    void stateMachineRecordsWhoAndWhyAndReopenNeedsAReason() {
        long id = open(IncidentBuilder.create().build());
        assertThat(transition(id, "CLOSED", null).status()).isEqualTo(409);
        assertThat(transition(id, "IN_PROGRESS", "looking at it").status()).isEqualTo(200);
        assertThat(transition(id, "RESOLVED", "phishing site taken down").status()).isEqualTo(200);
        assertThat(transition(id, "CLOSED", null).status()).isEqualTo(200);
        Response reopenWithoutReason = transition(id, "IN_PROGRESS", " ");
        assertThat(reopenWithoutReason.status()).isEqualTo(422);
        assertThat(transition(id, "IN_PROGRESS", "the site is back").status()).isEqualTo(200);

        JsonNode changes = admin.get("/api/v1/incidents/" + id + "/transitions").json();
        assertThat(changes.valueStream().map(c -> c.get("to").asString()).toList())
                .containsExactly("NEW", "IN_PROGRESS", "RESOLVED", "CLOSED", "IN_PROGRESS");
        assertThat(changes.get(4).get("reason").asString()).isEqualTo("the site is back");
        assertThat(changes.get(4).get("actor").asString()).isEqualTo(ADMIN);
        JsonNode incident = admin.get("/api/v1/incidents/" + id).json();
        assertThat(incident.get("closedAt").isNull()).isTrue();
        assertThat(incident.get("firstResponseAt").isNull()).isFalse();
        assertThat(auditActions("incident", id)).containsExactly("CREATE", "TRANSITION", "TRANSITION", "TRANSITION",
                "REOPEN");
    }

    @Test
    void invalidIncidentIsRejectedWithFieldMessages() {
        Response bad = admin.postJson("/api/v1/incidents", Map.of("title", " ", "classificationType", "alien-invasion",
                "tlp", "PURPLE", "organisationIds", List.of(999_999_999L)));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.body()).contains("title", "classificationType", "tlp", "organisationIds");
        Response badEnum = admin.postJson("/api/v1/incidents", Map.of("title", "x", "severity", "APOCALYPTIC"));
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.json().get("detail").asString()).contains("severity").contains("CRITICAL");
        Response badSort = admin.get("/api/v1/incidents?sort=drop+table");
        assertThat(badSort.status()).isEqualTo(422);
    }

    @Test
    void sharedObservableCorrelatesIncidentsAndProposesTheOwner() {
        long owner = createOrganisation("Owner " + suffix);
        admin.postJson("/api/v1/assets", Map.of("organisationId", owner, "kind", "CIDR", "value", "198.51.100.0/24"));
        long first = open(IncidentBuilder.create().titled("C2 traffic " + suffix).build());
        long second = open(IncidentBuilder.create().titled("Beaconing " + suffix).build());
        Response added = admin.postJson("/api/v1/incidents/" + first + "/observables",
                Map.of("type", "IPV4", "value", "198.51.100.7", "ioc", true));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("ownerId").asLong()).isEqualTo(owner);
        assertThat(admin.postJson("/api/v1/incidents/" + second + "/observables",
                Map.of("type", "IPV4", "value", " 198.51.100.7 ")).status()).isEqualTo(201);
        assertThat(admin.postJson("/api/v1/incidents/" + second + "/observables",
                Map.of("type", "IPV4", "value", "198.51.100.7")).status()).isEqualTo(409);
        assertThat(admin.postJson("/api/v1/incidents/" + second + "/observables",
                Map.of("type", "IPV4", "value", "not-an-ip")).status()).isEqualTo(422);

        JsonNode correlations = admin.get("/api/v1/incidents/" + first + "/correlations").json();
        assertThat(correlations.valueStream().map(c -> c.get("incidentId").asLong()).toList()).containsExactly(second);
        assertThat(admin.get("/api/v1/incidents/" + second + "/correlations").json().get(0).get("incidentId").asLong())
                .isEqualTo(first);
        JsonNode proposed = admin.get("/api/v1/incidents/" + first + "/proposed-organisations").json();
        assertThat(proposed.get(0).get("id").asLong()).isEqualTo(owner);
    }

    @Test
    void constituentSeesOnlyOwnIncidentsAndRedOnlyWhenNamed() {
        long own = createOrganisation("Own " + suffix);
        long other = createOrganisation("Other " + suffix);
        TestUser member = createConstituent(own);
        TestUser colleague = createConstituent(own);
        long ownIncident = open(IncidentBuilder.create().titled("Own " + suffix).affecting(own).build());
        long otherIncident = open(IncidentBuilder.create().titled("Other " + suffix).affecting(other).build());
        long redNamed = open(IncidentBuilder.create().titled("Red named " + suffix).tlp("RED").affecting(own)
                .recipients(member.id()).build());
        TestHttpClient client = as(member);

        JsonNode list = client.get("/api/v1/incidents?q=" + suffix).json();
        assertThat(list.get("items").valueStream().map(i -> i.get("id").asLong()).toList())
                .containsExactlyInAnyOrder(ownIncident, redNamed);
        assertThat(client.get("/api/v1/incidents/" + otherIncident).status()).isEqualTo(404);
        assertThat(as(colleague).get("/api/v1/incidents/" + redNamed).status()).isEqualTo(404);
        assertThat(as(colleague).get("/api/v1/incidents/" + ownIncident).status()).isEqualTo(200);
        TestUser analyst = createUser(Role.ANALYST);
        assertThat(as(analyst).get("/api/v1/incidents/" + redNamed).status()).isEqualTo(404);
        assertThat(as(analyst).get("/api/v1/incidents?q=" + suffix).json().get("total").asLong()).isEqualTo(2);

        assertThat(client.patchJson("/api/v1/incidents/" + ownIncident, Map.of("title", "mine")).status())
                .isEqualTo(403);
        Response answer = client.postJson("/api/v1/incidents/" + ownIncident + "/comments",
                Map.of("body", "We reset the passwords", "internal", true));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("internal").asBoolean()).isFalse();
        admin.postJson("/api/v1/incidents/" + ownIncident + "/comments", Map.of("body", "internal analyst note"));
        assertThat(client.get("/api/v1/incidents/" + ownIncident + "/comments").json()).hasSize(1);
        assertThat(admin.get("/api/v1/incidents/" + ownIncident + "/comments").json()).hasSize(2);
        assertThat(client.postJson("/api/v1/incidents/" + otherIncident + "/comments", Map.of("body", "peek"))
                .status()).isEqualTo(404);
        assertThat(client.get("/api/v1/incidents/export?q=" + suffix).body()).contains("Own " + suffix)
                .doesNotContain("Other " + suffix);
    }

    @Test
    void handOffToSectoralTeamAndBackIsOnTheTimeline() {
        long energy = admin.postJson("/api/v1/sectors", Map.of("name", "Energy " + suffix,
                "criticalInfrastructure", true)).json().get("id").asLong();
        Response team = admin.postJson("/api/v1/teams", Map.of("name", "Energy CIRT " + suffix, "kind",
                "SECTORAL_CIRT", "country", "XC", "sectorId", energy));
        assertThat(team.status()).as(team.body()).isEqualTo(201);
        long sectoral = team.json().get("id").asLong();
        JsonNode existing = admin.get("/api/v1/teams?kind=NATIONAL_CIRT").json().get("items");
        long national = !existing.isEmpty() ? existing.get(0).get("id").asLong()
                : admin.postJson("/api/v1/teams", Map.of("name", "National " + suffix, "kind", "NATIONAL_CIRT",
                        "country", "XC")).json().get("id").asLong();
        String nationalName = admin.get("/api/v1/teams/" + national).json().get("name").asString();
        long id = open(IncidentBuilder.create().handledBy(national).build());
        Response handed = admin.postJson("/api/v1/incidents/" + id + "/hand-off", Map.of("teamId", sectoral,
                "reason", "grid operator is theirs"));
        assertThat(handed.status()).as(handed.body()).isEqualTo(200);
        assertThat(handed.json().get("handlingTeamName").asString()).isEqualTo("Energy CIRT " + suffix);
        assertThat(admin.get("/api/v1/incidents?teamId=" + sectoral).json().get("items").valueStream()
                .map(i -> i.get("id").asLong()).toList()).contains(id);
        admin.postJson("/api/v1/incidents/" + id + "/hand-off", Map.of("teamId", national, "reason", "needs help"));
        JsonNode timeline = admin.get("/api/v1/incidents/" + id + "/timeline").json();
        assertThat(timeline.get(0).get("body").asString()).contains("to Energy CIRT " + suffix);
        assertThat(timeline.get(1).get("body").asString()).contains("to " + nationalName).contains("needs help");
    }

    @Test
    void mergeMovesObservablesTasksAndClosesTheDuplicate() {
        long target = open(IncidentBuilder.create().titled("Target " + suffix).build());
        long duplicate = open(IncidentBuilder.create().titled("Duplicate " + suffix).build());
        admin.postJson("/api/v1/incidents/" + duplicate + "/observables", Map.of("type", "DOMAIN",
                "value", "evil-" + suffix + ".example"));
        admin.postJson("/api/v1/incidents/" + duplicate + "/tasks", Map.of("title", "Block the domain"));
        Response merged = admin.postJson("/api/v1/incidents/" + duplicate + "/merge", Map.of("intoId", target));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(admin.get("/api/v1/incidents/" + target + "/observables").json()).hasSize(1);
        assertThat(admin.get("/api/v1/incidents/" + target + "/tasks").json().get(0).get("title").asString())
                .isEqualTo("Block the domain");
        JsonNode closed = admin.get("/api/v1/incidents/" + duplicate).json();
        assertThat(closed.get("state").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("mergedIntoId").asLong()).isEqualTo(target);
        assertThat(admin.get("/api/v1/incidents/" + target + "/links").json().get(0).get("kind").asString())
                .isEqualTo("DUPLICATE");
    }

    @Test
    void listFiltersBySeverityStateAndClassificationAndExportsCsv() {
        long critical = open(IncidentBuilder.create().titled("Ransomware " + suffix).classified("infected-system")
                .severity("CRITICAL").tags("ransomware").build());
        open(IncidentBuilder.create().titled("Spam wave " + suffix).classified("spam").severity("LOW").build());
        JsonNode bySeverity = admin.get("/api/v1/incidents?q=" + suffix + "&severity=CRITICAL").json();
        assertThat(bySeverity.get("items").valueStream().map(i -> i.get("id").asLong()).toList())
                .containsExactly(critical);
        assertThat(admin.get("/api/v1/incidents?q=" + suffix + "&classification=malicious-code").json()
                .get("total").asLong()).isEqualTo(1);
        assertThat(admin.get("/api/v1/incidents?q=" + suffix + "&state=NEW&state=TRIAGE").json().get("total")
                .asLong()).isEqualTo(2);
        Response csv = admin.get("/api/v1/incidents/export?q=" + suffix + "&sort=severity");
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith(critical + ",Ransomware " + suffix + ",NEW,CRITICAL");
    }

    private long open(Map<String, Object> body) {
        Response response = admin.postJson("/api/v1/incidents", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private Response transition(long id, String state, String reason) {
        return admin.postJson("/api/v1/incidents/" + id + "/transitions", reason == null ? Map.of("state", state)
                : Map.of("state", state, "reason", reason));
    }

}
