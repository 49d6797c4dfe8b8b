package org.opencirt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.MultipartForm;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * The public report form over real HTTP as an anonymous browser uses it: CSRF token from the page, multipart post,
 * redirect to the thank-you page. Each test starts with an empty rate-limit table (all tests post from 127.0.0.1).
 */
@IntegrationTest
class PublicReportFormIntegrationTests extends IntegrationTestSupport {

    private static final Pattern CODE = Pattern.compile("id=\"tracking-code\">(R-[A-Z2-9]{5}-[A-Z2-9]{5})<");

    String suffix;

    @BeforeEach
    @AfterEach
    void forgetRateLimit() {
        jdbc.sql("delete from report_form_submission").update();
        suffix = Long.toString(System.nanoTime(), 36);
    }

    @Test
    void reportWithoutAccountGetsTrackingCodeAndStatusShowsOnlyStateAndDates() {
        TestHttpClient browser = anonymous();
        Response form = browser.get("/report");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"report-form\"", "name=\"website\"", "enctype=\"multipart/form-data\"");

        Response sent = post(browser, report("Phishing wave " + suffix)
                .field("name", "Ada Reporter").field("organisation", "Caldera Water Board")
                .field("occurredAt", "2025-06-01T14:30").field("affectedSystems", "mail.water.example")
                .file("attachments", "headers.txt", "text/plain", "Received: from evil.example")
                .file("attachments", "", "application/octet-stream", ""));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(302);
        assertThat(sent.header("Location")).endsWith("/report/thanks");
        String code = trackingCode(browser.get("/report/thanks"));

        Response status = anonymous().get("/report/status?code=" + code.toLowerCase());
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).contains(code, "Received, waiting to be looked at", "UTC")
                .doesNotContain("Phishing wave", "Ada Reporter", "reporter@example.org", "mail.water.example");

        JsonNode report = findReport("Phishing wave " + suffix);
        assertThat(report.get("trackingCode").asString()).isEqualTo(code);
        assertThat(report.get("channel").asString()).isEqualTo("FORM");
        assertThat(report.get("source").asString()).isEqualTo("form");
        assertThat(report.get("reporterName").asString()).isEqualTo("Ada Reporter");
        assertThat(report.get("reporterEmail").asString()).isEqualTo("reporter@example.org");
        assertThat(report.get("body").asString()).contains("Mails asking for passwords",
                "Organisation (as given by the reporter): Caldera Water Board");
        assertThat(report.get("occurredAt").asString()).startsWith("2025-06-01T14:30");
        assertThat(report.get("affectedSystems").asString()).isEqualTo("mail.water.example");
        assertThat(report.get("rawSha256").asString()).hasSize(64);
        assertThat(report.get("reporterUserId").isNull()).isTrue();
        assertThat(report.get("attachments").valueStream().map(a -> a.get("fileName").asString()).toList())
                .containsExactly("headers.txt");
        assertThat(auditEntries("report", report.get("id").asLong())).singleElement().satisfies(entry -> {
            assertThat(entry.get("action").asString()).isEqualTo("CREATE");
            assertThat(entry.get("actor").asString()).isEqualTo("anonymous");
            assertThat(entry.get("channel").asString()).isEqualTo("UI");
        });
    }

    @Test
    void unknownTrackingCodeAnswersNotFoundWithAMessage() {
        Response status = anonymous().get("/report/status?code=R-AAAAA-AAAAA");
        assertThat(status.status()).isEqualTo(404);
        assertThat(status.body()).contains("id=\"unknown-code\"");
    }

    @Test
    void missingOrInvalidEmailGetsFieldMessageInTheReadersLanguage() {
        TestHttpClient browser = anonymous();
        Response missing = post(browser, new MultipartForm().field("subject", "No mail " + suffix)
                .field("description", "something").field("email", " "));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("id=\"email-error\"", "Enter your e-mail address", "id=\"form-errors\"")
                .contains("value=\"No mail " + suffix + "\"");

        Response invalid = post(browser, new MultipartForm().field("email", "not-an-address").field("subject", "")
                .field("description", "x").field("occurredAt", "2999-01-01T00:00"));
        assertThat(invalid.body()).contains("This is not an e-mail address", "id=\"subject-error\"",
                "This date is in the future.");

        TestHttpClient french = anonymous();
        french.get("/report?lang=fr");
        Response frenchAnswer = post(french, new MultipartForm().field("subject", "Sans courriel")
                .field("description", "quelque chose"));
        assertThat(frenchAnswer.status()).isEqualTo(422);
        assertThat(frenchAnswer.body()).contains("Indiquez votre adresse \u00e9lectronique");
        assertThat(asAdmin().get("/api/v1/reports?q=No+mail+" + suffix).json().get("total").asLong()).isZero();
    }

    @Test
    void honeypotLooksAcceptedButStoresNothing() {
        TestHttpClient bot = anonymous();
        Response sent = post(bot, report("Cheap pills " + suffix).field("website", "http://spam.example"));
        assertThat(sent.status()).isEqualTo(302);
        assertThat(sent.header("Location")).endsWith("/report/thanks");
        String decoy = trackingCode(bot.get("/report/thanks"));

        assertThat(anonymous().get("/report/status?code=" + decoy).status()).isEqualTo(404);
        assertThat(asAdmin().get("/api/v1/reports?q=Cheap+pills+" + suffix).json().get("total").asLong()).isZero();
    }

    @Test
    void clientOverTheLimitGets429AndForwardedHeaderIsNotTrusted() {
        TestHttpClient browser = anonymous();
        for (int i = 0; i < 10; i++) {
            assertThat(post(browser, report("Flood " + i + " " + suffix)).status()).isEqualTo(302);
        }
        MultipartForm eleventh = report("Flood 10 " + suffix).field("_csrf", browser.get("/report").csrfToken());
        Response tooMany = browser.post("/report", eleventh.contentType(), eleventh.body(),
                Map.of("X-Forwarded-For", "203.0.113.99"));
        assertThat(tooMany.status()).isEqualTo(429);
        assertThat(tooMany.header("Retry-After")).matches("\\d+");
        assertThat(Long.parseLong(tooMany.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(tooMany.body()).contains("id=\"too-many\"", "Too many reports came from your address");
        assertThat(asAdmin().get("/api/v1/reports?q=Flood+10+" + suffix).json().get("total").asLong()).isZero();
        assertThat(asAdmin().get("/api/v1/reports?channel=FORM&q=" + suffix).json().get("total").asLong())
                .isEqualTo(10);
    }

    @Test
    void oversizeOrTooManyAttachmentsAreRefusedAndNothingIsStored() {
        TestHttpClient browser = anonymous();
        Response oversize = post(browser, report("Big file " + suffix)
                .file("attachments", "memory.dmp", "application/octet-stream", "x".repeat(5 * 1024 * 1024 + 1)));
        assertThat(oversize.status()).isEqualTo(422);
        assertThat(oversize.body()).contains("id=\"attachments-error\"", "memory.dmp is larger than 5 MB");

        MultipartForm many = report("Many files " + suffix);
        for (int i = 0; i < 6; i++) {
            many.file("attachments", "log" + i + ".txt", "text/plain", "line " + i);
        }
        assertThat(post(browser, many).body()).contains("At most 5 files.");

        MultipartForm heavy = report("Heavy files " + suffix);
        for (int i = 0; i < 3; i++) {
            heavy.file("attachments", "part" + i + ".bin", "application/octet-stream", "y".repeat(4 * 1024 * 1024));
        }
        assertThat(post(browser, heavy).body()).contains("The files together are larger than 10 MB");
        assertThat(asAdmin().get("/api/v1/reports?q=" + suffix).json().get("total").asLong()).isZero();
    }

    @Test
    void postWithoutCsrfTokenIsRefused() {
        Response forged = anonymous().post("/report", report("Forged " + suffix).contentType(),
                report("Forged " + suffix).body());
        assertThat(forged.status()).isEqualTo(403);
    }

    private MultipartForm report(String subject) {
        return new MultipartForm().field("email", "reporter@example.org").field("subject", subject)
                .field("description", "Mails asking for passwords").field("website", "");
    }

    /** Posts the form with the CSRF token of the page, as the browser does. */
    private static Response post(TestHttpClient browser, MultipartForm form) {
        form.field("_csrf", browser.get("/report").csrfToken());
        return browser.post("/report", form.contentType(), form.body());
    }

    private static String trackingCode(Response thanks) {
        Matcher matcher = CODE.matcher(thanks.body());
        assertThat(matcher.find()).as(thanks.toString()).isTrue();
        return matcher.group(1);
    }

    private JsonNode findReport(String subject) {
        JsonNode items = asAdmin().get("/api/v1/reports?q=" + subject.replace(' ', '+')).json().get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
