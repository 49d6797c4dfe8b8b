package org.opencirt.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.opencirt.audit.AuditChannel;
import org.opencirt.identity.NewUser;
import org.opencirt.common.PageRequest;
import org.opencirt.identity.Role;
import org.opencirt.pipeline.internal.parser.ParseSummary;
import org.opencirt.pipeline.internal.parser.shadowserver.ShadowserverReports;
import org.opencirt.pipeline.internal.stage.EventBatch;
import org.opencirt.pipeline.internal.store.EventStore;
import org.opencirt.pipeline.internal.store.StoreRun;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.OrganisationBuilder;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The main store flow, run by the H2 and the PostgreSQL integration tests alike: a Shadowserver snapshot uploaded
 * through the API ends as events with owners, counts and quarantine, replay after a feed fix, no duplicates. Its
 * helpers also give other features' tests a small constituency with stored events.
 */
public abstract class PipelineStoreFlow extends IntegrationTestSupport {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger RANGES = new AtomicInteger((int) (Math.random() * 200));
    protected static final String HEADER = "\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\","
            + "\"geo\",\"region\",\"city\"";

    @Autowired
    EventStore store;
    @Autowired
    EventService events;
    @Value("${opencirt.data-dir}")
    String dataDirectory;

    public record Constituency(long bank, long isp, String bankPrefix, String ispPrefix) {
    }

    /** Two organisations with a /24 each, in a range of their own per test run. */
    protected Constituency constituency() {
        return constituency(asAdmin());
    }

    /** As {@link #constituency()}, for tests that extend another base class. */
    public static Constituency constituency(TestHttpClient admin) {
        // a range of its own per call in this JVM: random ranges collided in contexts shared by several tests
        int third = 20 + RANGES.getAndIncrement() % 200;
        String bankPrefix = "10." + third + ".1.";
        String ispPrefix = "10." + third + ".2.";
        long bank = admin.postJson("/api/v1/organisations", OrganisationBuilder.create().build()).json().path("id")
                .asLong();
        long isp = admin.postJson("/api/v1/organisations", OrganisationBuilder.create().build()).json().path("id")
                .asLong();
        assertThat(admin.postJson("/api/v1/assets", Map.of("organisationId", bank, "kind", "CIDR", "value",
                bankPrefix + "0/24")).status()).isEqualTo(201);
        assertThat(admin.postJson("/api/v1/assets", Map.of("organisationId", isp, "kind", "CIDR", "value",
                ispPrefix + "0/24")).status()).isEqualTo(201);
        return new Constituency(bank, isp, bankPrefix, ispPrefix);
    }

    /** Lines 2-3 the bank's, 4 the ISP's, 5-6 outside, 7 a bad port, 8 a bad address (line 1 is the header). */
    public static String snapshot(Constituency c, String marker) {
        return HEADER + "\n"
                + row("2026-11-24 01:00:00", c.bankPrefix() + "5", "3389", marker)
                + row("2026-11-24 01:00:01", c.bankPrefix() + "6", "3389", marker)
                + row("2026-11-24 01:00:02", c.ispPrefix() + "7", "3389", marker)
                + row("2026-11-24 01:00:03", "192.0.2.8", "3389", marker)
                + row("2026-11-24 01:00:04", "192.0.2.9", "3389", marker)
                + row("2026-11-24 01:00:05", c.bankPrefix() + "10", "70000", marker)
                + row("2026-11-24 01:00:06", "999.1.1.1", "3389", marker);
    }

    private static String row(String time, String ip, String port, String marker) {
        return "\"" + time + "\",\"" + ip + "\",\"tcp\"," + port + ",\"" + marker + ".example\",\"rdp\",64500,"
                + "\"XC\",\"Region\",\"City\"\n";
    }

    protected long createFeed(String tlp) {
        return createFeed(asAdmin(), tlp);
    }

    /** A Shadowserver scan_rdp feed with a name of its own. */
    public static long createFeed(TestHttpClient admin, String tlp) {
        Response created = admin.postJson("/api/v1/feeds", Map.of("name", "rdp-" + UUID.randomUUID(),
                "parser", "shadowserver", "reportType", "scan_rdp", "tlp", tlp));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    protected TestUser constituentOf(long organisationId) {
        String username = "constituent-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Pw-" + UUID.randomUUID();
        long id = AuditChannel.callAs(AuditChannel.SYSTEM, () -> userService.create(new NewUser(username,
                "Test constituent", null, Role.CONSTITUENT, organisationId, password, true, null))).id();
        return new TestUser(id, username, password);
    }

    protected Response upload(long feedId, String fileName, String body, boolean wait) {
        return post("/api/v1/feeds/" + feedId + "/inputs?fileName=" + fileName + "&wait=" + wait, body);
    }

    protected Response post(String path, String body) {
        String credentials = Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), Map.of(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The main flow; returns the input id. */
    protected long uploadsStoresQuarantinesAndReplays() {
        Constituency c = constituency();
        long feedId = createFeed("AMBER");
        String file = snapshot(c, "m" + UUID.randomUUID().toString().substring(0, 6));

        Response first = upload(feedId, "2026-11-24-scan_rdp-xc.csv", file, true);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode input = first.json().path("input");
        long inputId = input.path("id").asLong();
        assertThat(input.path("state").asString()).isEqualTo("done");
        assertThat(input.path("eventsStored").asLong()).isEqualTo(5);
        assertThat(input.path("eventsOutside").asLong()).isEqualTo(2);
        assertThat(input.path("quarantined").asLong()).isEqualTo(2);
        assertThat(input.path("lastCommittedLine").asLong()).isEqualTo(8);

        Response again = upload(feedId, "copy.csv", file, true);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.json().path("input").path("id").asLong()).isEqualTo(inputId);
        assertThat(eventLines(inputId)).containsExactly(2L, 3L, 4L, 5L, 6L);

        Map<Long, Long> owners = jdbc.sql("select line_no, organisation_id from event where raw_input_id = ?")
                .param(inputId).query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(owners).containsEntry(2L, c.bank()).containsEntry(3L, c.bank()).containsEntry(4L, c.isp())
                .containsEntry(5L, 0L);

        List<JsonNode> quarantined = asAdmin().get("/api/v1/quarantine?inputId=" + inputId).json().path("items")
                .valueStream().toList();
        assertThat(quarantined).extracting(entry -> entry.path("lineNo").asLong()).containsExactly(7L, 8L);
        assertThat(quarantined.get(0).path("reason").asString()).contains("source.port");
        assertThat(quarantined.get(1).path("reason").asString()).contains("source.ip");

        // fix the feed: an invalid port goes to extra.port instead of quarantining the line
        Response fixed = asAdmin().putJson("/api/v1/feeds/" + feedId, Map.of("name", "rdp-fixed-" + feedId,
                "parser", "shadowserver", "reportType", "scan_rdp", "tlp", "AMBER",
                "config", "column.port = source.port?"));
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(200);
        assertThat(auditActions("feed", feedId)).containsExactly("FEED_CREATED", "FEED_UPDATED");
        Response replayed = post("/api/v1/quarantine/" + quarantined.get(0).path("id").asLong() + "/replay", "");
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(replayed.json().path("resolution").asString()).isEqualTo("replayed");
        Response replayAll = post("/api/v1/inputs/" + inputId + "/replay", "");
        assertThat(replayAll.status()).as(replayAll.toString()).isEqualTo(200);
        assertThat(replayAll.json().path("eventsStored").asLong()).isEqualTo(6);
        assertThat(replayAll.json().path("quarantined").asLong()).isEqualTo(1);
        assertThat(eventLines(inputId)).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        JsonNode stillOpen = asAdmin().get("/api/v1/quarantine?open=true&inputId=" + inputId).json().path("items");
        assertThat(stillOpen.size()).isEqualTo(1);
        assertThat(stillOpen.get(0).path("lineNo").asLong()).isEqualTo(8);
        return inputId;
    }

    /**
     * A scan_rdp file with every kind of line break, non-ASCII and broken UTF-8, parsed and stored, then events made
     * by hand after it (raw not from the input, no raw, times the columns cannot give back): the IntelMQ JSON lines
     * exported and searched are, byte for byte, the lines written for the events before they were stored.
     */
    void storedEventsReadBackAsTheLinesTheyWereWritten() throws IOException {
        long feedId = createFeed("AMBER");
        String feedName = asAdmin().get("/api/v1/feeds/" + feedId).json().path("name").asString();
        String storedPath = "inputs/roundtrip-" + UUID.randomUUID() + ".csv";
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((HEADER + "\r\n").getBytes(StandardCharsets.UTF_8));
        String[] breaks = {"\n", "\r\n", "\r"};
        for (int i = 0; i < 2_100; i++) {
            String city = i % 7 == 0 ? "Zürich \"\"€\"\"" : i % 11 == 0 ? "Back\\slash" : "City";
            file.writeBytes(("\"2026-11-24 01:00:" + (i % 60 < 10 ? "0" : "") + i % 60 + (i % 5 == 0 ? ".25" : "")
                    + "\",\"192.0.2." + i % 250 + "\",\"tcp\"," + (i % 500 == 7 ? "70000" : "3389") + ",\"h" + i
                    + ".example\",\"rdp\",64500,\"XC\",\"").getBytes(StandardCharsets.UTF_8));
            if (i % 13 == 0) {
                file.writeBytes(new byte[] {'R', (byte) 0xC3, 'x', (byte) 0xFF});
            } else {
                file.writeBytes("Region".getBytes(StandardCharsets.UTF_8));
            }
            file.writeBytes(("\",\"" + city + "\"" + breaks[i % 3]).getBytes(StandardCharsets.UTF_8));
            if (i % 97 == 0) {
                file.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        Path path = Path.of(dataDirectory).toAbsolutePath().resolve(storedPath);
        Files.createDirectories(path.getParent());
        Files.write(path, file.toByteArray());
        jdbc.sql("""
                insert into raw_input (feed_id, file_name, size_bytes, sha256, stored_path, received_at, state)
                values (?, 'roundtrip.csv', ?, ?, ?, current_timestamp, 'processing')""")
                .params(feedId, file.size(), storedPath.substring(17, 53), storedPath).update();
        long inputId = jdbc.sql("select id from raw_input where stored_path = ?").param(storedPath).query(Long.class)
                .single();

        Map<Long, String> written = new TreeMap<>();
        ParseSummary summary;
        try (StoreRun run = store.begin(inputId, feedId, 0); InputStream in = Files.newInputStream(path)) {
            summary = ShadowserverReports.load(Clock.systemUTC()).parserFor("scan_rdp").parse(in, batch -> {
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.lineNumber(i) % 3 == 0) {
                        batch.get(i).setSourceOwner(1000 + batch.lineNumber(i), "ip");
                    }
                    written.put(batch.lineNumber(i), IntelMqJson.toJsonLine(batch.get(i)));
                }
                run.accept(batch);
            }, run);
            run.finish(summary.lines());
        }
        assertThat(summary.quarantined()).isEqualTo(5);
        assertThat(written).hasSize(2_095);

        Event full = new Event().set(EventField.TIME_SOURCE, "2026-11-24T10:11:12+00:00")
                .set(EventField.TIME_OBSERVATION, "2026-02-28 23:59:59.123456 UTC")
                .set(EventField.CLASSIFICATION_TYPE, "scanner").set(EventField.CLASSIFICATION_IDENTIFIER, "rdp")
                .set(EventField.SOURCE_IP, "192.0.2.7").set(EventField.SOURCE_PORT, "3389")
                .set(EventField.SOURCE_ASN, "4200000000").set(EventField.SOURCE_FQDN, "host.example.org")
                .set(EventField.SOURCE_URL, "http://example.org/a\\b?c=ü\u00e9")
                .set(EventField.SOURCE_GEOLOCATION_CC, "AT").set(EventField.DESTINATION_IP, "2001:db8::1")
                .set(EventField.DESTINATION_PORT, "443").set(EventField.PROTOCOL_TRANSPORT, "tcp")
                .set(EventField.PROTOCOL_APPLICATION, "rdp").set(EventField.MALWARE_NAME, "mirai")
                .set(EventField.TLP, "AMBER").set(EventField.RAW, "a\tline with ü")
                .setExtra("note", "tab\there, back\\slash, \"quoted\", newline\n, ü")
                .setExtra("tree", JSON.readTree("{\"a\": [1, {\"b\": \"}\"}]}"));
        full.setSourceOwner(42, "asn");
        Event sparse = new Event().set(EventField.TIME_SOURCE, "1999-12-31T23:59:59+00:00");
        Event oddTime = new Event().set(EventField.TIME_SOURCE, "2026-11-24 10:00:00.0000001")
                .set(EventField.SOURCE_PORT, "0");
        Event[] made = {full, sparse, oddTime};
        long first = summary.lines() + 1;
        try (StoreRun run = store.begin(inputId, feedId, summary.lines())) {
            run.accept(new EventBatch(feedName, first, first + 2, made, 3));
            run.finish(first + 2);
        }
        for (int i = 0; i < made.length; i++) {
            written.put(first + i, IntelMqJson.toJsonLine(made[i]));
        }

        EventQuery query = new EventQuery(null, null, feedName, null, null);
        ByteArrayOutputStream exported = new ByteArrayOutputStream();
        events.export(query, events.scopeFor(query), false, exported);
        assertThat(exported.toString(StandardCharsets.UTF_8).split("\n")).containsExactlyElementsOf(written.values());
        org.opencirt.common.PageResult<StoredEvent> page = events.search(query, PageRequest.of(0, 500));
        assertThat(page.total()).isEqualTo(written.size());
        page.items().forEach(event -> {
            assertThat(event.data()).isEqualTo(written.get(event.lineNo()));
            assertThat(event.id()).isEqualTo((inputId << 32) + event.lineNo());
        });
    }

    protected List<Long> eventLines(long inputId) {
        return jdbc.sql("select line_no from event where raw_input_id = ? order by line_no").param(inputId)
                .query(Long.class).list();
    }
}
