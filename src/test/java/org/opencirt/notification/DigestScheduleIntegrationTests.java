package org.opencirt.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencirt.notification.internal.DigestScheduler;
import org.opencirt.pipeline.PipelineStoreFlow;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.TestHttpClient.Response;
import org.opencirt.test.TestMail;
import org.opencirt.test.TestMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The digest scheduler over stored events and real SMTP, in an installation whose default is an hourly digest:
 * each organisation gets one digest per hour that holds its events, never twice, with X-ARF reports when it asked
 * for them; events outside the constituency are told to nobody.
 */
@IntegrationTest
@TestPropertySource(properties = {"opencirt.notification.digest.interval=hourly",
        "opencirt.test.context=digest-schedule"})
class DigestScheduleIntegrationTests extends PipelineStoreFlow {

    @RegisterExtension
    static final TestMailServer MAIL = new TestMailServer();

    @Autowired
    DigestScheduler scheduler;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
    }

    @Test
    void eachOrganisationGetsOneHourlyDigestOfItsOwnEventsWithXarfWhenAsked() throws Exception {
        Constituency c = constituency();
        String bankMail = contact(c.bank());
        String ispMail = contact(c.isp());
        Response xarf = asAdmin().putJson("/api/v1/notifications/settings/" + c.bank(), Map.of("format", "XARF"));
        assertThat(xarf.status()).as(xarf.toString()).isEqualTo(200);
        long feedId = createFeed("AMBER");
        assertThat(upload(feedId, "hourly.csv", snapshot(c, "h" + UUID.randomUUID().toString().substring(0, 6)),
                true).status()).isEqualTo(201);
        Instant later = Instant.now().plus(2, ChronoUnit.HOURS);

        List<Notification> digests = scheduler.runDue(later);

        assertThat(digests).extracting(Notification::organisationId).containsExactlyInAnyOrder(c.bank(), c.isp());
        digests.forEach(digest -> {
            assertThat(digest.state()).isEqualTo(Notification.State.SENT);
            assertThat(Duration.between(digest.intervalFrom(), digest.intervalTo())).isEqualTo(Duration.ofHours(1));
            assertThat(digest.intervalFrom()).isBeforeOrEqualTo(Instant.now());
        });
        Notification bankDigest = digests.stream().filter(d -> d.organisationId() == c.bank()).findFirst()
                .orElseThrow();
        assertThat(bankDigest.format()).isEqualTo("XARF");
        assertThat(bankDigest.eventCount()).isEqualTo(2);
        MAIL.server().waitForIncomingEmail(5000, 2);
        MimeMultipart bank = signedContent(TestMail.receivedBy(MAIL.server(), bankMail));
        assertThat(TestMail.attachment(bank, "events.csv")).contains(c.bankPrefix() + "5", c.bankPrefix() + "6")
                .doesNotContain(c.ispPrefix(), "192.0.2.8");
        List<JsonNode> reports = TestMail.attachment(bank, NotificationService.XARF_FILE).lines()
                .map(JSON::readTree).toList();
        assertThat(reports).hasSize(2).allSatisfy(report -> {
            assertThat(report.path("Version").asString()).isEqualTo("2");
            assertThat(report.path("ReporterInfo").path("ReporterOrgEmail").asString()).contains("@");
            assertThat(report.path("Disclosure").isBoolean()).isTrue();
            assertThat(report.path("Report").path("ReportClass").asString()).isEqualTo("Vulnerability");
            assertThat(report.path("Report").path("ReportType").asString()).isEqualTo("OpenService");
            assertThat(report.path("Report").path("SourceIp").asString()).startsWith(c.bankPrefix());
            assertThat(report.path("Report").path("ServiceName").asString()).isEqualTo("rdp");
            assertThat(report.path("Report").path("Date").asString()).startsWith("2026-11-24T01:00:0");
        });
        MimeMultipart isp = signedContent(TestMail.receivedBy(MAIL.server(), ispMail));
        assertThat(TestMail.attachment(isp, "events.csv")).contains(c.ispPrefix() + "7").doesNotContain(c.bankPrefix());
        assertThat(TestMail.attachment(isp, NotificationService.XARF_FILE)).isNull();

        int received = MAIL.server().getReceivedMessages().length;
        assertThat(scheduler.runDue(later)).isEmpty();
        assertThat(scheduler.runDue(later.plus(1, ChronoUnit.HOURS))).isEmpty();
        assertThat(MAIL.server().getReceivedMessages()).hasSize(received);
        assertThat(asAdmin().get("/api/v1/notifications?organisationId=" + c.bank()).json().path("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void changedFrequencyStartsAtTheNextMidnightAndOnlyCoordinatorsChangeIt() {
        Constituency c = constituency();
        Instant midnight = DigestFrequency.DAILY.floor(Instant.now()).plus(1, ChronoUnit.DAYS);

        Response daily = asAdmin().putJson("/api/v1/notifications/settings/" + c.isp(), Map.of("frequency", "DAILY"));

        assertThat(daily.status()).as(daily.toString()).isEqualTo(200);
        assertThat(daily.json().path("frequency").asString()).isEqualTo("DAILY");
        assertThat(daily.json().path("previousFrequency").asString()).isEqualTo("HOURLY");
        assertThat(Instant.parse(daily.json().path("effectiveFrom").asString())).isEqualTo(midnight);
        assertThat(auditActions("digest_settings", c.isp())).containsExactly("DIGEST_SETTINGS_UPDATED");
        TestUser member = constituentOf(c.isp());
        assertThat(as(member).get("/api/v1/notifications/settings/" + c.isp()).json().path("frequency").asString())
                .isEqualTo("DAILY");
        assertThat(as(member).get("/api/v1/notifications/settings/" + c.bank()).status()).isEqualTo(404);
        assertThat(as(member).putJson("/api/v1/notifications/settings/" + c.isp(), Map.of("format", "XARF"))
                .status()).isEqualTo(403);
        assertThat(as(createUser(org.opencirt.identity.Role.ANALYST)).putJson(
                "/api/v1/notifications/settings/" + c.isp(), Map.of("format", "XARF")).status()).isEqualTo(403);
        assertThat(asAdmin().putJson("/api/v1/notifications/settings/999999", Map.of("format", "XARF")).status())
                .isEqualTo(404);
        assertThat(asAdmin().get("/api/v1/notifications/settings/" + c.bank()).json().path("configured").asBoolean())
                .isFalse();
    }

    private MimeMultipart signedContent(List<MimeMessage> mails) throws Exception {
        assertThat(mails).hasSize(1);
        return TestMail.verifiedSignedContent(TestMail.raw(mails.get(0)), TestMail.installationKey(asAdmin()));
    }

    private String contact(long organisation) {
        String address = "abuse-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Map<String, Object> body = new HashMap<>(Map.of("organisationId", organisation, "kind", "ROLE",
                "name", "Abuse desk", "email", address, "languages", List.of("en")));
        assertThat(asAdmin().postJson("/api/v1/contacts", body).status()).isEqualTo(201);
        return address;
    }
}
