package org.opencirt.pipeline.internal.parser.shadowserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.internal.parser.FeedRun;

class ShadowserverReportsTests {

    private final ShadowserverReports reports = ShadowserverReports.load(FeedRun.CLOCK);

    private FeedRun run(String report) {
        return FeedRun.of(reports.parserFor(report), "shadowserver/" + report + "/2026-11-24.csv");
    }

    @Test
    void everyConfiguredReportTypeIsLoaded() {
        assertThat(reports.reportTypes()).contains("scan_rdp", "scan_ntp", "event4_sinkhole",
                "event4_honeypot_brute_force", "compromised_website");
    }

    @Test
    void openRdpReportBecomesVulnerableSystemEvents() {
        FeedRun run = run("scan_rdp");

        Event first = run.events.get(0);
        assertThat(first.get(EventField.CLASSIFICATION_TAXONOMY)).isEqualTo("vulnerable");
        assertThat(first.get(EventField.CLASSIFICATION_TYPE)).isEqualTo("vulnerable-system");
        assertThat(first.get(EventField.CLASSIFICATION_IDENTIFIER)).isEqualTo("accessible-rdp");
        assertThat(first.get(EventField.SOURCE_IP)).isEqualTo("192.0.2.10");
        assertThat(first.get(EventField.SOURCE_PORT)).isEqualTo("3389");
        assertThat(first.get(EventField.SOURCE_ASN)).isEqualTo("64500");
        assertThat(first.get(EventField.SOURCE_REVERSE_DNS)).isEqualTo("rdp1.bank.example");
        assertThat(first.get(EventField.TIME_SOURCE)).isEqualTo("2026-11-24T01:12:05+00:00");
        assertThat(first.get(EventField.TIME_OBSERVATION)).isEqualTo("2026-11-25T00:00:00+00:00");
        assertThat(first.get(EventField.FEED_PROVIDER)).isEqualTo("Shadowserver");
        assertThat(first.get(EventField.FEED_NAME)).isEqualTo("Accessible-RDP");
        assertThat(first.get(EventField.PROTOCOL_APPLICATION)).isEqualTo("rdp");
        assertThat(first.extra()).containsEntry("rdp_protocol", "RDP").containsEntry("sector", "Banking")
                .containsEntry("tag", "rdp");
        assertThat(first.get(EventField.RAW)).startsWith("\"2026-11-24 01:12:05\"");
    }

    @Test
    void badLineIsQuarantinedWithReasonAndTheRestIsParsed() {
        FeedRun run = run("scan_rdp");

        assertThat(run.events).hasSize(3);
        assertThat(run.quarantined).singleElement().satisfies(line -> {
            assertThat(line.lineNumber()).isEqualTo(4);
            assertThat(line.reason()).isEqualTo("source.port: '70000' is not a port number (0 to 65535)");
            assertThat(line.raw()).contains("203.0.113.99");
            assertThat(line.feed()).isEqualTo("Accessible-RDP");
        });
        assertThat(run.summary.lines()).isEqualTo(5);
        assertThat(run.summary.skipped()).isEqualTo(1);
    }

    @Test
    void invalidReverseDnsIsKeptInExtraInsteadOfQuarantiningTheLine() {
        Event ipv6 = run("scan_rdp").events.get(2);

        assertThat(ipv6.get(EventField.SOURCE_IP)).isEqualTo("2001:db8::1");
        assertThat(ipv6.has(EventField.SOURCE_REVERSE_DNS)).isFalse();
        assertThat(ipv6.extra()).containsEntry("hostname", "Host_!bad");
    }

    @Test
    void ntpVersionReportBecomesDdosAmplifierEvents() {
        Event event = run("scan_ntp").events.get(0);

        assertThat(event.get(EventField.CLASSIFICATION_TAXONOMY)).isEqualTo("vulnerable");
        assertThat(event.get(EventField.CLASSIFICATION_TYPE)).isEqualTo("ddos-amplifier");
        assertThat(event.get(EventField.PROTOCOL_TRANSPORT)).isEqualTo("udp");
    }

    @Test
    void sinkholeReportBecomesInfectedSystemEvents() {
        FeedRun run = run("event4_sinkhole");

        assertThat(run.events).hasSize(2);
        Event mirai = run.events.get(1);
        assertThat(mirai.get(EventField.CLASSIFICATION_TAXONOMY)).isEqualTo("malicious-code");
        assertThat(mirai.get(EventField.CLASSIFICATION_TYPE)).isEqualTo("infected-system");
        assertThat(mirai.get(EventField.MALWARE_NAME)).isEqualTo("mirai");
        assertThat(mirai.get(EventField.CLASSIFICATION_IDENTIFIER)).isEqualTo("mirai");
        assertThat(mirai.get(EventField.DESTINATION_IP)).isEqualTo("198.51.100.200");
        assertThat(mirai.get(EventField.DESTINATION_PORT)).isEqualTo("443");
        assertThat(run.quarantined).singleElement()
                .satisfies(line -> assertThat(line.reason()).startsWith("source.ip: 'not-an-ip' is not an IP address"));
    }

    @Test
    void honeypotBruteForceReportBecomesBruteForceEvents() {
        Event event = run("event4_honeypot_brute_force").events.get(0);

        assertThat(event.get(EventField.CLASSIFICATION_TAXONOMY)).isEqualTo("intrusion-attempts");
        assertThat(event.get(EventField.CLASSIFICATION_TYPE)).isEqualTo("brute-force");
        assertThat(event.get(EventField.PROTOCOL_APPLICATION)).isEqualTo("ssh");
        assertThat(event.get(EventField.SOURCE_ACCOUNT)).isEqualTo("root");
    }

    @Test
    void compromisedWebsiteReportBecomesSystemCompromiseEventsWithLowerCaseHost() {
        Event event = run("compromised_website").events.get(0);

        assertThat(event.get(EventField.CLASSIFICATION_TAXONOMY)).isEqualTo("intrusions");
        assertThat(event.get(EventField.CLASSIFICATION_TYPE)).isEqualTo("system-compromise");
        assertThat(event.get(EventField.SOURCE_FQDN)).isEqualTo("www.shop.example");
    }

    @Test
    void reportTypeIsFoundInShadowserverFileNames() {
        assertThat(reports.reportOfFileName("2026-11-24-scan_rdp-lu-geo.csv")).isEqualTo("scan_rdp");
        assertThat(reports.reportOfFileName("2026-11-24-event4_sinkhole-lu-geo.csv")).isEqualTo("event4_sinkhole");
        assertThat(reports.reportOfFileName("2026-11-24-something_else-lu.csv")).isNull();
    }

    @Test
    void unknownReportTypeListsTheKnownOnes() {
        assertThatThrownBy(() -> reports.parserFor("scan_nothing")).hasMessageContaining("scan_rdp");
    }
}
