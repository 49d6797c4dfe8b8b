package org.opencirt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencirt.incident.internal.mail.MailboxPoller;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.TestHttpClient.Response;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** The intake mailbox read over real IMAP: new mails become reports, tagged replies join their incident. */
@IntegrationTest
class MailIntakeIntegrationTests extends IncidentMailTestSupport {

    @Value("${opencirt.data-dir}")
    Path dataDir;

    @Test
    void newMailIsStoredRawAsAReportWithItsTextSenderAndAttachments() throws Exception {
        String messageId = uniqueMessageId();
        byte[] evidence = "GET /wp-login.php 200 from 203.0.113.9\n".getBytes(StandardCharsets.UTF_8);
        deliverToIntake(String.join("\r\n",
                "From: Ana Reporter <ana@reporter.example>",
                "To: " + INTAKE_ADDRESS,
                "Subject: =?UTF-8?Q?Intrusion_chez_nous_=C3=A0_Caldera?=",
                "Message-ID: " + messageId,
                "Date: Tue, 24 Nov 2026 10:15:00 +0100",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"outer\"",
                "",
                "--outer",
                "Content-Type: multipart/alternative; boundary=\"alt\"",
                "",
                "--alt",
                "Content-Type: text/plain; charset=UTF-8",
                "",
                "Our web server was broken into last night.",
                "--alt",
                "Content-Type: text/html; charset=UTF-8",
                "",
                "<p>Our <b>web server</b> was broken into last night.</p>",
                "--alt--",
                "--outer",
                "Content-Type: text/plain; name=\"access.log\"",
                "Content-Disposition: attachment; filename=\"access.log\"",
                "Content-Transfer-Encoding: base64",
                "",
                Base64.getEncoder().encodeToString(evidence),
                "--outer--",
                ""));

        MailboxPoller.Result result = poll();

        assertThat(result.reports()).isGreaterThanOrEqualTo(1);
        JsonNode report = report(messageId);
        assertThat(report.path("channel").asString()).isEqualTo("EMAIL");
        assertThat(report.path("source").asString()).startsWith("imap:intake@127.0.0.1");
        assertThat(report.path("subject").asString()).isEqualTo("Intrusion chez nous \u00e0 Caldera");
        assertThat(report.path("body").asString()).isEqualTo("Our web server was broken into last night.");
        assertThat(report.path("reporterName").asString()).isEqualTo("Ana Reporter");
        assertThat(report.path("reporterEmail").asString()).isEqualTo("ana@reporter.example");
        assertThat(report.path("parseError").isNull()).isTrue();
        JsonNode attachment = report.path("attachments").get(0);
        assertThat(attachment.path("fileName").asString()).isEqualTo("access.log");
        assertThat(attachment.path("sha256").asString()).isEqualTo(sha256(evidence));
        byte[] raw = Files.readAllBytes(dataDir.resolve(jdbc.sql("select raw_path from report where source_ref = ?")
                .param(messageId).query(String.class).single()));
        assertThat(sha256(raw)).isEqualTo(report.path("rawSha256").asString());
        assertThat(new String(raw, StandardCharsets.UTF_8)).contains("Message-ID: " + messageId,
                "<p>Our <b>web server</b>", Base64.getEncoder().encodeToString(evidence));
    }

    @Test
    void readMailIsMovedAsideAndReadingItAgainNeverMakesASecondReport() {
        String messageId = uniqueMessageId();
        deliverToIntake(plainMail(messageId, "Phishing site imitating the tax office", "See hxxp://tax.example"));

        poll();
        assertThat(intakeFolder("INBOX")).noneMatch(m -> m.contains(messageId));
        assertThat(intakeFolder(PROCESSED)).filteredOn(m -> m.contains(messageId)).hasSize(1);

        putBackUnread(messageId);
        MailboxPoller.Result again = poll();

        assertThat(again.duplicates()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from report where source_ref = ?").param(messageId).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void htmlOnlyMailGivesItsTextWithoutMarkup() {
        String messageId = uniqueMessageId();
        deliverToIntake(String.join("\r\n",
                "From: soc@bank.example",
                "To: " + INTAKE_ADDRESS,
                "Subject: DDoS",
                "Message-ID: " + messageId,
                "MIME-Version: 1.0",
                "Content-Type: text/html; charset=UTF-8",
                "",
                "<html><head><style>p { color: red }</style></head><body><p>Since 09:00 our portal is down"
                        + " &amp; unreachable.</p><script>alert(1)</script><p>Peak: 40&nbsp;Gbit/s</p></body></html>",
                ""));

        poll();

        assertThat(report(messageId).path("body").asString())
                .isEqualTo("Since 09:00 our portal is down & unreachable.\n\nPeak: 40 Gbit/s");
    }

    @Test
    void unreadableMailIsKeptAsAReportThatSaysWhy() {
        String messageId = uniqueMessageId();
        deliverToIntake(String.join("\r\n",
                "From: broken@client.example",
                "To: " + INTAKE_ADDRESS,
                "Subject: Broken mail",
                "Message-ID: " + messageId,
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"never-used\"",
                "",
                "This body has no MIME part at all.",
                ""));

        poll();

        JsonNode report = report(messageId);
        assertThat(report.path("parseError").asString()).containsIgnoringCase("boundary");
        assertThat(report.path("subject").asString()).isEqualTo("Broken mail");
        assertThat(report.path("body").asString()).contains("This body has no MIME part at all.");
        assertThat(report.path("state").asString()).isEqualTo("NEW");
    }

    @Test
    void replyTaggedWithAnIncidentJoinsItsCorrespondenceInsteadOfTheQueue() {
        long organisation = createOrganisation();
        String address = createContact(organisation, "en", null);
        long incident = incident(organisation);
        assertThat(asAdmin().postJson("/api/v1/incidents/" + incident + "/transitions",
                Map.of("state", "WAITING_FOR_CONSTITUENT", "reason", "asked for logs")).status()).isEqualTo(200);
        String messageId = uniqueMessageId();
        deliverToIntake(String.join("\r\n",
                "From: " + address,
                "To: " + INTAKE_ADDRESS,
                "Subject: RE: [OpenCIRT #" + incident + "] Question about a security incident",
                "Message-ID: " + messageId,
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b\"",
                "",
                "--b",
                "Content-Type: text/plain; charset=UTF-8",
                "",
                "Here are the firewall logs you asked for.",
                "--b",
                "Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename=\"firewall.log\"",
                "",
                "DROP 198.51.100.7",
                "--b--",
                ""));

        MailboxPoller.Result result = poll();

        assertThat(result.replies()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from report where source_ref = ?").param(messageId).query(Long.class)
                .single()).isZero();
        JsonNode mail = asAdmin().get("/api/v1/incidents/" + incident + "/correspondence").json().get(0);
        assertThat(mail.path("direction").asString()).isEqualTo("IN");
        assertThat(mail.path("state").asString()).isEqualTo("RECEIVED");
        assertThat(mail.path("from").asString()).isEqualTo(address);
        assertThat(mail.path("organisationId").asLong()).isEqualTo(organisation);
        assertThat(mail.path("body").asString()).isEqualTo("Here are the firewall logs you asked for.");
        assertThat(mail.path("messageId").asString()).isEqualTo(messageId);
        JsonNode attachments = asAdmin().get("/api/v1/incidents/" + incident + "/attachments").json();
        assertThat(attachments.valueStream().map(a -> a.path("fileName").asString()).toList())
                .containsExactly("firewall.log");
        assertThat(mail.path("attachmentIds").get(0).asLong()).isEqualTo(attachments.get(0).path("id").asLong());
        JsonNode incidentNow = asAdmin().get("/api/v1/incidents/" + incident).json();
        assertThat(incidentNow.path("state").asString()).isEqualTo("WAITING_FOR_CONSTITUENT");
        assertThat(asAdmin().get("/api/v1/incidents/" + incident + "/timeline").json().valueStream()
                .map(n -> n.path("body").asString()).toList())
                .anyMatch(text -> text.contains("Reply received from " + address));
        Response raw = asAdmin().get("/api/v1/incidents/" + incident + "/correspondence/" + mail.path("id").asLong()
                + "/raw");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).contains("Message-ID: " + messageId, "DROP 198.51.100.7");
    }

    @Test
    void tagOfAnIncidentThatDoesNotExistMakesAnOrdinaryReport() {
        String messageId = uniqueMessageId();
        deliverToIntake(plainMail(messageId, "Re: [OpenCIRT #987654321] old thread", "Still happening"));

        poll();

        assertThat(report(messageId).path("subject").asString()).isEqualTo("Re: [OpenCIRT #987654321] old thread");
    }

    @Test
    void mailWithoutMessageIdIsRecognisedByItsContent() {
        String raw = String.join("\r\n", "From: nobody@reporter.example", "To: " + INTAKE_ADDRESS,
                "Subject: No id " + System.nanoTime(), "", "A mail client that sets no Message-ID", "");
        deliverToIntake(raw);
        poll();
        deliverToIntake(raw);
        poll();

        assertThat(jdbc.sql("select count(*) from report where source_ref like 'sha256:%' and subject = ?")
                .param(raw.lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElseThrow().substring(9))
                .query(Long.class).single()).isEqualTo(1);
    }

    private MailboxPoller.Result poll() {
        MailboxPoller.Result result = mailbox.poll();
        assertThat(result.failed()).as("mails that failed").isZero();
        return result;
    }

    private JsonNode report(String messageId) {
        List<Long> ids = jdbc.sql("select id from report where source_ref = ?").param(messageId).query(Long.class)
                .list();
        assertThat(ids).as("reports with Message-ID " + messageId).hasSize(1);
        Response response = asAdmin().get("/api/v1/reports/" + ids.get(0));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    static String plainMail(String messageId, String subject, String body) {
        return String.join("\r\n", "From: someone@reporter.example", "To: " + INTAKE_ADDRESS, "Subject: " + subject,
                "Message-ID: " + messageId, "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "", body,
                "");
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
