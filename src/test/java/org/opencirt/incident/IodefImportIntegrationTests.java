package org.opencirt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencirt.identity.Role;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.MultipartForm;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import tools.jackson.databind.JsonNode;

/** IODEF import over real HTTP: the API (body and file) and the staff upload page. */
@IntegrationTest
class IodefImportIntegrationTests extends IntegrationTestSupport {

    TestHttpClient analyst;
    String suffix;

    @BeforeEach
    void setUp() {
        analyst = as(createUser(Role.ANALYST));
        suffix = Long.toString(System.nanoTime(), 36);
    }

    @Test
    void documentBecomesAReportWhoseObservablesGoIntoTheIncident() {
        Response imported = analyst.post("/api/v1/reports/iodef", "application/xml", sample("phishing-v2.xml"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        JsonNode receipt = imported.json().get("reports").get(0);
        assertThat(receipt.get("duplicate").asBoolean()).isFalse();
        JsonNode report = receipt.get("report");
        assertThat(report.get("channel").asString()).isEqualTo("IODEF");
        assertThat(report.get("source").asString()).isEqualTo("iodef");
        assertThat(report.get("sourceRef").asString()).isEqualTo("csirt.example.net#" + suffix);
        assertThat(report.get("subject").asString()).isEqualTo("Phishing site imitating a Caldera bank " + suffix);
        assertThat(report.get("reporterEmail").asString()).isEqualTo("csirt@csirt.example.net");
        assertThat(report.get("occurredAt").asString()).startsWith("2026-11-27T22:40");
        assertThat(report.get("parseError").isNull()).isTrue();
        assertThat(report.get("rawSha256").asString()).hasSize(64);

        long reportId = report.get("id").asLong();
        Response triage = analyst.postJson("/api/v1/reports/triage", Map.of("reportIds", List.of(reportId),
                "action", "ACCEPT"));
        assertThat(triage.status()).as(triage.body()).isEqualTo(200);
        long incidentId = triage.json().get("incident").get("id").asLong();
        JsonNode observables = analyst.get("/api/v1/incidents/" + incidentId + "/observables").json();
        assertThat(observables.valueStream().map(o -> o.get("type").asString() + " " + o.get("value").asString()))
                .containsExactlyInAnyOrder("IPV4 192.0.2.77", "DOMAIN login-bank.example.com", "IPV6 2001:db8::25",
                        "EMAIL security@bank-notice.example.org", "FILE_NAME invoice.pdf.exe",
                        "URL http://login-bank.example.com/dl/invoice.pdf.exe",
                        "FILE_HASH aa33248c7336de00146f0144090f914b34ac83636d3309ff067b4554ae4a7452");
        assertThat(observables.valueStream().filter(o -> o.get("ioc").asBoolean()).count()).isEqualTo(4);
    }

    @Test
    void sameDocumentTwiceMakesOneReportPerIncident() {
        String document = sample("scan-v1.xml");
        Response first = analyst.post("/api/v1/reports/iodef", "text/xml", document);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("reports")).hasSize(2);

        MultipartForm upload = new MultipartForm().file("file", "scan.xml", "application/xml", document);
        Response again = as(createUser(Role.ANALYST)).post("/api/v1/reports/iodef", upload.contentType(),
                upload.body());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("reports").valueStream().map(r -> r.get("duplicate").asBoolean()).toList())
                .containsExactly(true, true);
        assertThat(again.json().get("reports").valueStream().map(r -> r.get("report").get("id").asLong()).toList())
                .isEqualTo(first.json().get("reports").valueStream().map(r -> r.get("report").get("id").asLong())
                        .toList());
        assertThat(analyst.get("/api/v1/reports?channel=IODEF&q=" + suffix).json().get("total").asLong())
                .isEqualTo(2);
    }

    @Test
    void constituentImportIsItsOwnAndNeverReturnsStaffReports() {
        String document = sample("phishing-v2.xml");
        long staffReport = analyst.post("/api/v1/reports/iodef", "application/xml", document).json().get("reports")
                .get(0).get("report").get("id").asLong();
        TestHttpClient member = as(createConstituent(createOrganisation()));

        Response first = member.post("/api/v1/reports/iodef", "application/xml", document);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long own = first.json().get("reports").get(0).get("report").get("id").asLong();
        assertThat(own).isNotEqualTo(staffReport);
        Response again = member.post("/api/v1/reports/iodef", "application/xml", document);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("reports").get(0).get("report").get("id").asLong()).isEqualTo(own);
        assertThat(member.get("/api/v1/reports/" + staffReport).status()).isEqualTo(404);
    }

    @Test
    void unreadableDocumentIsKeptWithTheReasonAndAnswers422() {
        String broken = "<?xml version=\"1.0\"?>\n<IODEF-Document xmlns=\"urn:ietf:params:xml:ns:iodef-2.0\">\n"
                + "<Incident><IncidentID name=\"x\">" + suffix + "</IncidentID>\n<Description>open\n</Incident>";
        Response answer = analyst.post("/api/v1/reports/iodef", "application/xml", broken);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("detail").asString()).contains("not well-formed XML at line 5", "</Description>\". The document is kept as report");
        long kept = problem.get("reportId").asLong();
        JsonNode report = analyst.get("/api/v1/reports/" + kept).json();
        assertThat(report.get("parseError").asString()).startsWith("Unreadable IODEF document: not well-formed");
        assertThat(report.get("trackingCode").asString()).isEqualTo(problem.get("trackingCode").asString());
        assertThat(report.get("state").asString()).isEqualTo("NEW");
        assertThat(report.get("rawSize").asLong()).isEqualTo(broken.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void externalEntityIsRefusedAndNothingOfTheFileIsStored(@TempDir Path directory) throws IOException {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "SECRET-" + suffix);
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE IODEF-Document [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]>\n<IODEF-Document xmlns=\"urn:ietf:params:xml:ns:iodef-2.0\"><Incident>"
                + "<IncidentID name=\"x\">" + suffix + "</IncidentID><Description>&xxe;</Description></Incident>"
                + "</IODEF-Document>";
        Response answer = analyst.post("/api/v1/reports/iodef", "application/xml", xxe);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body()).contains("DOCTYPE").doesNotContain("SECRET-" + suffix);
        JsonNode report = analyst.get("/api/v1/reports/" + answer.json().get("reportId").asLong()).json();
        assertThat(report.toString()).doesNotContain("SECRET-" + suffix);
        assertThat(analyst.get("/api/v1/reports?q=SECRET-" + suffix).json().get("total").asLong()).isZero();
    }

    @Test
    void emptyOrOversizeBodiesAreRefusedAndOthersMayNotImport() {
        assertThat(analyst.post("/api/v1/reports/iodef", "application/xml", "").status()).isEqualTo(422);
        assertThat(analyst.post("/api/v1/reports/iodef", "application/xml", "<a>" + "x".repeat(10 * 1024 * 1024)
                + "</a>").status()).isEqualTo(413);
        assertThat(as(createUser(Role.AUDITOR)).post("/api/v1/reports/iodef", "application/xml",
                sample("phishing-v2.xml")).status()).isEqualTo(403);
        // without credentials the API's CSRF check answers first
        assertThat(anonymous().post("/api/v1/reports/iodef", "application/xml", sample("phishing-v2.xml"))
                .status()).isEqualTo(403);
    }

    @Test
    void staffUploadPageImportsAFileAndShowsTheReports() {
        TestHttpClient browser = loggedIn(createUser(Role.ANALYST));
        Response page = browser.get("/intake/iodef");
        assertThat(page.status()).isEqualTo(200);
        MultipartForm upload = new MultipartForm().field("_csrf", page.csrfToken())
                .file("file", "scan.xml", "text/xml", sample("scan-v1.xml"));
        Response result = browser.post("/intake/iodef", upload.contentType(), upload.body());
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.body()).contains("id=\"imported\"", "cert.example.org#" + suffix + "-1",
                "cert.example.org#" + suffix + "-2", "new report");

        MultipartForm broken = new MultipartForm().field("_csrf", page.csrfToken())
                .file("file", "broken.xml", "text/xml", "<IODEF-Document " + suffix);
        Response unreadable = browser.post("/intake/iodef", broken.contentType(), broken.body());
        assertThat(unreadable.status()).isEqualTo(422);
        assertThat(unreadable.body()).contains("id=\"parse-error\"", "Unreadable IODEF document");

        TestUser member = createConstituent(createOrganisation());
        assertThat(loggedIn(member).get("/intake/iodef").status()).isEqualTo(403);
    }


    private String sample(String name) {
        try (InputStream in = getClass().getResourceAsStream("/org/opencirt/incident/iodef/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${ID}", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
