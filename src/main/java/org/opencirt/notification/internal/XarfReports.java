package org.opencirt.notification.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events as X-ARF reports (eXtended Abuse Reporting Format, JSON schema version 2, github.com/abusix/xarf), for
 * organisations that process abuse reports by machine: one report per event, one per line. An event becomes a
 * report only when X-ARF has a type for its RSIT classification and the event has what that type requires (a
 * source address, or a URL for malware and phishing); the CSV beside it always holds every event.
 */
@Component
public class XarfReports {

    public static final String VERSION = "2";
    /** X-ARF 2 limits ASN to this (4-byte private numbers above it are left out). */
    private static final long MAX_ASN = 4_199_999_999L;

    private enum Source { IP, IP_OR_URL, URL }

    private record Kind(String reportClass, String reportType, Source source) {
    }

    private static final Kind OPEN_SERVICE = new Kind("Vulnerability", "OpenService", Source.IP_OR_URL);
    private static final Kind BOTNET = new Kind("Content", "Botnet", Source.IP_OR_URL);
    private static final Kind DOS = new Kind("Activity", "DOS", Source.IP);
    /** RSIT type (classification.type) to X-ARF class and type. */
    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("scanner", new Kind("Activity", "PortScan", Source.IP)),
            Map.entry("brute-force", new Kind("Activity", "LoginAttack", Source.IP)),
            Map.entry("dos", DOS),
            Map.entry("ddos", DOS),
            Map.entry("spam", new Kind("Activity", "Spam", Source.IP)),
            Map.entry("infected-system", BOTNET),
            Map.entry("c2-server", BOTNET),
            Map.entry("malware-distribution", new Kind("Content", "Malware", Source.URL)),
            Map.entry("phishing", new Kind("Content", "Phishing", Source.URL)),
            Map.entry("vulnerable-system", OPEN_SERVICE),
            Map.entry("ddos-amplifier", OPEN_SERVICE),
            Map.entry("potentially-unwanted-accessible", OPEN_SERVICE),
            Map.entry("information-disclosure", OPEN_SERVICE),
            Map.entry("weak-crypto", OPEN_SERVICE),
            Map.entry("misconfiguration", OPEN_SERVICE));
    private static final List<String> CUSTOM = List.of("classification.taxonomy", "classification.type",
            "classification.identifier", "feed.name", "feed.provider", "source.fqdn", "tlp");

    private final JsonMapper json;
    private final Map<String, String> reporter;

    public XarfReports(JsonMapper json,
            @Value("${opencirt.notification.reporter-org:National CIRT}") String reporterOrg,
            @Value("${opencirt.mail.from:cert@localhost}") String reporterEmail) {
        this.json = json;
        String email = reporterEmail.strip();
        this.reporter = Map.of("ReporterOrg", reporterOrg.strip(),
                "ReporterOrgDomain", email.substring(email.indexOf('@') + 1),
                "ReporterOrgEmail", email);
    }

    /** The reports as JSON lines and how many events became one. */
    public record Reports(byte[] jsonLines, int count) {
    }

    public Reports reports(List<DigestContent.Row> rows) {
        StringBuilder lines = new StringBuilder();
        int count = 0;
        for (DigestContent.Row row : rows) {
            Optional<Map<String, Object>> report = report(row);
            if (report.isPresent()) {
                lines.append(json.writeValueAsString(report.get())).append('\n');
                count++;
            }
        }
        return new Reports(lines.toString().getBytes(StandardCharsets.UTF_8), count);
    }

    /** One event as an X-ARF document, or empty when X-ARF has no type for it or it lacks what the type needs. */
    public Optional<Map<String, Object>> report(DigestContent.Row row) {
        Map<String, String> values = row.values();
        Kind kind = KINDS.get(values.getOrDefault("classification.type", ""));
        String date = values.getOrDefault("time.source", values.get("time.observation"));
        String ip = values.get("source.ip");
        String url = kind == null || kind.source() == Source.IP ? null : values.get("source.url");
        if (kind == null || date == null || (kind.source() == Source.URL ? url == null : ip == null && url == null)) {
            return Optional.empty();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("ReportClass", kind.reportClass());
        report.put("ReportType", kind.reportType());
        report.put("Date", date);
        report.put("ReporterCaseID", row.key());
        if (ip != null) {
            report.put("SourceIp", ip);
            putNumber(report, "SourcePort", values.get("source.port"), 65_535);
            putNumber(report, "ASN", values.get("source.asn"), MAX_ASN);
        }
        if (url != null) {
            report.put("SourceUrl", url);
        }
        if (kind.source() == Source.IP && values.containsKey("destination.ip")) {
            report.put("DestinationIp", values.get("destination.ip"));
            putNumber(report, "DestinationPort", values.get("destination.port"), 65_535);
        }
        String malware = values.get("malware.name");
        if (malware != null && kind == BOTNET) {
            report.put("BotnetName", malware);
        } else if (malware != null && kind.reportType().equals("Malware")) {
            report.put("MalwareName", malware);
        }
        if (kind == OPEN_SERVICE) {
            report.put("ServiceName", firstOf(values, "protocol.application", "classification.identifier",
                    "classification.type"));
            String transport = values.getOrDefault("protocol.transport", "").toLowerCase(Locale.ROOT);
            if (transport.equals("tcp") || transport.equals("udp")) {
                report.put("TransportProtocol", transport);
            }
        }
        Map<String, Object> custom = new LinkedHashMap<>();
        CUSTOM.stream().filter(values::containsKey).forEach(key -> custom.put(key, values.get(key)));
        report.put("Custom", custom);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", VERSION);
        document.put("ReporterInfo", reporter);
        String tlp = values.getOrDefault("tlp", "");
        document.put("Disclosure", tlp.equals("CLEAR") || tlp.equals("WHITE"));
        document.put("Report", report);
        return Optional.of(document);
    }

    private static void putNumber(Map<String, Object> report, String name, String value, long max) {
        if (value != null && value.matches("\\d{1,10}")) {
            long number = Long.parseLong(value);
            if (number >= (name.equals("ASN") ? 1 : 0) && number <= max) {
                report.put(name, number);
            }
        }
    }

    private static String firstOf(Map<String, String> values, String... keys) {
        for (String key : keys) {
            if (values.get(key) != null) {
                return values.get(key);
            }
        }
        return "unknown";
    }
}
