package org.opencirt.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Events as X-ARF (JSON schema version 2) reports: what each type requires, and nothing X-ARF cannot say. */
class XarfReportsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final XarfReports xarf = new XarfReports(JSON, "CERT Caldera", "cert@cirt.gov.xc");

    @Test
    void openRdpBecomesAnOpenServiceReportWithTheSchemasRequiredFields() {
        JsonNode report = report(row("classification.type", "vulnerable-system", "classification.identifier",
                "accessible-rdp", "protocol.application", "rdp", "protocol.transport", "tcp", "source.ip",
                "10.32.88.15", "source.port", "3389", "source.asn", "4200000003", "time.source",
                "2026-11-24T00:14:07+00:00", "tlp", "AMBER", "feed.name", "scan-rdp"));

        assertThat(report.path("Version").asString()).isEqualTo("2");
        assertThat(report.path("ReporterInfo").path("ReporterOrg").asString()).isEqualTo("CERT Caldera");
        assertThat(report.path("ReporterInfo").path("ReporterOrgDomain").asString()).isEqualTo("cirt.gov.xc");
        assertThat(report.path("ReporterInfo").path("ReporterOrgEmail").asString()).isEqualTo("cert@cirt.gov.xc");
        assertThat(report.path("Disclosure").asBoolean(true)).isFalse();
        JsonNode body = report.path("Report");
        assertThat(body.path("ReportClass").asString()).isEqualTo("Vulnerability");
        assertThat(body.path("ReportType").asString()).isEqualTo("OpenService");
        assertThat(body.path("Date").asString()).isEqualTo("2026-11-24T00:14:07+00:00");
        assertThat(body.path("SourceIp").asString()).isEqualTo("10.32.88.15");
        assertThat(body.path("SourcePort").asInt()).isEqualTo(3389);
        assertThat(body.has("ASN")).as("private 4-byte AS numbers exceed X-ARF 2's maximum").isFalse();
        assertThat(body.path("ServiceName").asString()).isEqualTo("rdp");
        assertThat(body.path("TransportProtocol").asString()).isEqualTo("tcp");
        assertThat(body.path("ReporterCaseID").asString()).isEqualTo("key");
        assertThat(body.path("Custom").path("classification.identifier").asString()).isEqualTo("accessible-rdp");
        assertThat(body.path("Custom").path("tlp").asString()).isEqualTo("AMBER");
    }

    @Test
    void infectedSystemIsABotnetReportNamedAfterTheMalwareAndClearEventsAreDisclosed() {
        JsonNode report = report(row("classification.type", "infected-system", "malware.name", "mirai",
                "source.ip", "192.0.2.1", "source.asn", "64500", "destination.ip", "198.51.100.1",
                "time.source", "2026-11-24T10:00:00+00:00", "tlp", "CLEAR"));

        assertThat(report.path("Report").path("ReportClass").asString()).isEqualTo("Content");
        assertThat(report.path("Report").path("ReportType").asString()).isEqualTo("Botnet");
        assertThat(report.path("Report").path("BotnetName").asString()).isEqualTo("mirai");
        assertThat(report.path("Report").path("ASN").asLong()).isEqualTo(64500);
        assertThat(report.path("Report").has("DestinationIp")).isFalse();
        assertThat(report.path("Disclosure").asBoolean()).isTrue();
    }

    @Test
    void bruteForceIsALoginAttackWithItsTarget() {
        JsonNode body = report(row("classification.type", "brute-force", "source.ip", "192.0.2.2",
                "destination.ip", "198.51.100.2", "destination.port", "22", "time.source",
                "2026-11-24T10:00:00+00:00")).path("Report");

        assertThat(body.path("ReportClass").asString()).isEqualTo("Activity");
        assertThat(body.path("ReportType").asString()).isEqualTo("LoginAttack");
        assertThat(body.path("DestinationIp").asString()).isEqualTo("198.51.100.2");
        assertThat(body.path("DestinationPort").asInt()).isEqualTo(22);
    }

    @Test
    void eventsXarfHasNoTypeForOrThatLackWhatTheTypeNeedsStayInTheCsvOnly() {
        DigestContent.Row compromised = row("classification.type", "system-compromise", "source.ip", "192.0.2.3",
                "time.source", "2026-11-24T10:00:00+00:00");
        DigestContent.Row malwareWithoutUrl = row("classification.type", "malware-distribution", "source.ip",
                "192.0.2.4", "time.source", "2026-11-24T10:00:00+00:00");
        DigestContent.Row scannerWithoutTime = row("classification.type", "scanner", "source.ip", "192.0.2.5");
        DigestContent.Row phishing = row("classification.type", "phishing", "source.url",
                "http://bank.example/login", "time.source", "2026-11-24T10:00:00+00:00");

        XarfReports.Reports reports = xarf.reports(List.of(compromised, malwareWithoutUrl, scannerWithoutTime,
                phishing));

        assertThat(reports.count()).isEqualTo(1);
        String[] lines = new String(reports.jsonLines(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines[0]).path("Report").path("ReportType").asString()).isEqualTo("Phishing");
        assertThat(JSON.readTree(lines[0]).path("Report").path("SourceUrl").asString())
                .isEqualTo("http://bank.example/login");
    }

    private JsonNode report(DigestContent.Row row) {
        return JSON.valueToTree(xarf.report(row).orElseThrow());
    }

    private static DigestContent.Row row(String... keysAndValues) {
        Map<String, String> values = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new DigestContent.Row(values, "key");
    }
}
