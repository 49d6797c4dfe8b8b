package org.opencirt.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.opencirt.audit.AuditChannel;
import org.opencirt.identity.NewUser;
import org.opencirt.identity.Role;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.OrganisationBuilder;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
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

    protected List<Long> eventLines(long inputId) {
        return jdbc.sql("select line_no from event where raw_input_id = ? order by line_no").param(inputId)
                .query(Long.class).list();
    }
}
