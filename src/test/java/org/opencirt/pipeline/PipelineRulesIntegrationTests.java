package org.opencirt.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.pipeline.internal.enrich.ConstituencyOwners;
import org.opencirt.pipeline.internal.enrich.OwnerEnricher;
import org.opencirt.pipeline.internal.intake.FeedParsers;
import org.opencirt.pipeline.internal.rules.RuleStages;
import org.opencirt.pipeline.internal.stage.EventSink;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.TestHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Processing rules as an analyst relies on them, through the API and real uploads: repeats inside the window are
 * dropped and counted into the kept event, outside it kept; drop, route and severity rules; bad rules refused.
 */
@IntegrationTest
class PipelineRulesIntegrationTests extends PipelineStoreFlow {

    @Autowired
    RuleStages ruleStages;

    @Autowired
    FeedParsers parsers;

    @Autowired
    FeedService feeds;

    @Autowired
    ConstituencyOwners owners;

    /** A scan_rdp report: one line per address, all seen at {@code time}. */
    static String report(String time, String marker, String... addresses) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (String address : addresses) {
            text.append('"').append(time).append("\",\"").append(address).append("\",\"tcp\",3389,\"").append(marker)
                    .append(".example\",\"rdp\",64500,\"XC\",\"Region\",\"City\"\n");
        }
        return text.toString();
    }

    private long rule(Map<String, Object> body) {
        Response created = asAdmin().postJson("/api/v1/pipeline-rules", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private static Map<String, Object> dedup(long feedId, String window) {
        return Map.of("name", "dedup-" + UUID.randomUUID(), "feedId", feedId, "action", "deduplicate",
                "key", List.of("source.ip", "source.port"), "window", window);
    }

    private JsonNode uploaded(long feedId, String body) {
        Response response = upload(feedId, "r.csv", body, true);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("input");
    }

    private List<JsonNode> events(long inputId) {
        String feed = jdbc.sql("select f.name from raw_input i join feed f on f.id = i.feed_id where i.id = ?")
                .param(inputId).query(String.class).single();
        List<JsonNode> items = new ArrayList<>(asAdmin().get("/api/v1/events?size=500&feed=" + feed).json()
                .path("items").valueStream().filter(event -> event.path("inputId").asLong() == inputId).toList());
        items.sort((a, b) -> Long.compare(a.path("lineNo").asLong(), b.path("lineNo").asLong()));
        return items;
    }

    @Test
    void repeatInsideTheWindowIsDroppedAndCountedIntoTheKeptEvent() throws Exception {
        Constituency c = constituency();
        long feedId = createFeed("AMBER");
        rule(dedup(feedId, "24h"));
        String bank5 = c.bankPrefix() + "5";
        String bank6 = c.bankPrefix() + "6";

        JsonNode first = uploaded(feedId, report("2026-11-24 01:00:00", "a", bank5, bank6, bank5));
        assertThat(first.path("eventsStored").asLong()).isEqualTo(2);
        assertThat(first.path("eventsRepeated").asLong()).as("the same address twice in one file").isEqualTo(1);

        JsonNode second = uploaded(feedId, report("2026-11-24 20:00:00", "b", bank5, bank6));
        assertThat(second.path("eventsStored").asLong()).isZero();
        assertThat(second.path("eventsRepeated").asLong()).isEqualTo(2);
        assertThat(second.path("state").asString()).isEqualTo("done");
        assertThat(second.path("lastCommittedLine").asLong()).isEqualTo(3);

        List<JsonNode> kept = events(first.path("id").asLong());
        assertThat(kept).extracting(event -> event.path("sourceIp").asString()).containsExactly(bank5, bank6);
        assertThat(kept.get(0).path("repeats").asLong()).isEqualTo(2);
        assertThat(kept.get(0).path("lastSeenAt").asString()).isEqualTo("2026-11-24T20:00:00Z");
        assertThat(kept.get(1).path("repeats").asLong()).isEqualTo(1);

        String feedName = asAdmin().get("/api/v1/feeds/" + feedId).json().path("name").asString();
        String[] lines = asAdmin().get("/api/v1/events/export?format=intelmq&feed=" + feedName).body().strip()
                .split("\n");
        JsonNode exported = JSON.readTree(lines[0]);
        assertThat(exported.path("source.ip").asString()).isEqualTo(bank5);
        assertThat(exported.path("extra.count").asLong()).isEqualTo(3);
        assertThat(exported.path("extra.last_seen").asString()).isEqualTo("2026-11-24T20:00:00Z");
        String csv = asAdmin().get("/api/v1/events/export?format=csv&feed=" + feedName).body();
        assertThat(csv.split("\r\n")[0]).endsWith(",repeats,last_seen");
        assertThat(csv.split("\r\n")[1]).endsWith(",2,2026-11-24T20:00:00Z");
    }

    @Test
    void repeatOutsideTheWindowIsKeptAndLaterRepeatsCountIntoIt() {
        Constituency c = constituency();
        long feedId = createFeed("AMBER");
        rule(dedup(feedId, "P1D"));
        String isp7 = c.ispPrefix() + "7";

        JsonNode monday = uploaded(feedId, report("2026-11-23 08:00:00", "m", isp7));
        JsonNode wednesday = uploaded(feedId, report("2026-11-25 08:00:00", "w", isp7));
        JsonNode wednesdayLater = uploaded(feedId, report("2026-11-25 09:30:00", "l", isp7));

        assertThat(monday.path("eventsStored").asLong()).isEqualTo(1);
        assertThat(wednesday.path("eventsStored").asLong()).as("two days later: outside the window").isEqualTo(1);
        assertThat(wednesdayLater.path("eventsRepeated").asLong()).isEqualTo(1);
        assertThat(events(monday.path("id").asLong()).get(0).path("repeats").asLong()).isZero();
        assertThat(events(wednesday.path("id").asLong()).get(0).path("repeats").asLong()).isEqualTo(1);
    }

    @Test
    void dropRuleDropsRouteSetsTheTeamAndSeverityIsOnlyRaised() throws Exception {
        Constituency c = constituency();
        long feedId = createFeed("AMBER");
        Response team = asAdmin().postJson("/api/v1/teams", Map.of("name", "Bank CSIRT " + UUID.randomUUID(),
                "kind", "FOREIGN_PEER", "country", "FR"));
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        long teamId = team.json().path("id").asLong();
        rule(Map.of("name", "drop-docnet-" + UUID.randomUUID(), "feedId", feedId, "position", 10, "action", "drop",
                "match", List.of(Map.of("field", "source.ip", "network", "192.0.2.0/24"))));
        rule(Map.of("name", "route-bank-" + UUID.randomUUID(), "feedId", feedId, "position", 20, "action", "route",
                "teamId", teamId,
                "match", List.of(Map.of("field", "source.organisation.id", "equals", Long.toString(c.bank())))));
        rule(Map.of("name", "critical-bank-" + UUID.randomUUID(), "feedId", feedId, "position", 30, "action",
                "severity", "severity", "critical",
                "match", List.of(Map.of("field", "extra.team.id", "exists", true))));
        rule(Map.of("name", "medium-rdp-" + UUID.randomUUID(), "feedId", feedId, "position", 40, "action",
                "severity", "severity", "MEDIUM",
                "match", List.of(Map.of("field", "protocol.transport", "in", List.of("TCP", "UDP")))));

        JsonNode input = uploaded(feedId, snapshot(c, "r" + UUID.randomUUID().toString().substring(0, 6)));
        assertThat(input.path("eventsStored").asLong()).isEqualTo(3);
        assertThat(input.path("eventsDropped").asLong()).isEqualTo(2);
        assertThat(input.path("quarantined").asLong()).isEqualTo(2);

        Map<String, JsonNode> byIp = new HashMap<>();
        for (JsonNode event : events(input.path("id").asLong())) {
            byIp.put(event.path("sourceIp").asString(), JSON.readTree(event.path("data").asString()));
        }
        assertThat(byIp).containsOnlyKeys(c.bankPrefix() + "5", c.bankPrefix() + "6", c.ispPrefix() + "7");
        JsonNode bank = byIp.get(c.bankPrefix() + "5");
        assertThat(bank.path("extra.team.id").asLong()).isEqualTo(teamId);
        assertThat(bank.path("extra.team.name").asString()).startsWith("Bank CSIRT");
        assertThat(bank.path("extra.severity").asString()).as("medium does not lower critical")
                .isEqualTo("critical");
        JsonNode isp = byIp.get(c.ispPrefix() + "7");
        assertThat(isp.has("extra.team.id")).isFalse();
        assertThat(isp.path("extra.severity").asString()).isEqualTo("medium");
    }

    @Test
    void keepRuleSparesAnEventFromLaterDropsAndAGlobalRuleAppliesToEveryFeed() {
        Constituency c = constituency();
        String marker = "k" + UUID.randomUUID().toString().substring(0, 6);
        long feedA = createFeed("AMBER");
        long feedB = createFeed("AMBER");
        long keep = rule(Map.of("name", "keep-bank-" + marker, "position", 1, "action", "keep",
                "match", List.of(Map.of("field", "source.organisation.id", "equals", Long.toString(c.bank())),
                        Map.of("field", "source.reverse_dns", "regex", "^" + marker + "\\."))));
        long drop = rule(Map.of("name", "drop-all-" + marker, "position", 2, "action", "drop",
                "match", List.of(Map.of("field", "source.reverse_dns", "regex", "^" + marker + "\\."))));
        try {
            String report = report("2026-11-24 03:00:00", marker, c.bankPrefix() + "9", c.ispPrefix() + "9");
            for (long feedId : List.of(feedA, feedB)) {
                JsonNode input = uploaded(feedId, report);
                assertThat(input.path("eventsStored").asLong()).isEqualTo(1);
                assertThat(input.path("eventsDropped").asLong()).isEqualTo(1);
                assertThat(events(input.path("id").asLong())).extracting(e -> e.path("sourceIp").asString())
                        .containsExactly(c.bankPrefix() + "9");
            }
        } finally {
            assertThat(asAdmin().delete("/api/v1/pipeline-rules/" + keep).status()).isEqualTo(204);
            assertThat(asAdmin().delete("/api/v1/pipeline-rules/" + drop).status()).isEqualTo(204);
        }
        assertThat(auditActions("pipeline_rule", drop)).containsExactly("PIPELINE_RULE_CREATED",
                "PIPELINE_RULE_DELETED");
    }

    @Test
    void badRuleConfigIsRefusedWith422AndFieldMessages() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("name", "");
        bad.put("feedId", 999_999);
        bad.put("action", "deduplicate");
        bad.put("key", List.of("source.ip", "source.ipp"));
        bad.put("window", "forever");
        bad.put("severity", "high");
        bad.put("match", List.of(Map.of("field", "no.such.field", "equals", "x"),
                Map.of("field", "source.port", "equals", "70000"),
                Map.of("field", "source.reverse_dns", "regex", "(unclosed"),
                Map.of("field", "source.asn", "network", "10.0.0.0/8"),
                Map.of("field", "source.ip", "equals", "10.0.0.1", "regex", "^10\\.")));
        Response refused = asAdmin().postJson("/api/v1/pipeline-rules", bad);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).contains("application/problem+json");
        Map<String, String> errors = new LinkedHashMap<>();
        refused.json().path("errors").forEach(e -> errors.put(e.path("field").asString(),
                e.path("message").asString()));
        assertThat(errors).containsOnlyKeys("name", "feedId", "key[1]", "window", "severity", "match[0].field",
                "match[1].equals", "match[2].regex", "match[3].network", "match[4]");
        assertThat(errors.get("key[1]")).contains("unknown field 'source.ipp'");
        assertThat(errors.get("match[1].equals")).contains("source.port");
        assertThat(errors.get("match[4]")).isEqualTo("needs exactly one of equals, in, regex, network, exists");

        Response noTeam = asAdmin().postJson("/api/v1/pipeline-rules", Map.of("name", "r-" + UUID.randomUUID(),
                "action", "route", "teamId", 999_999));
        assertThat(noTeam.status()).isEqualTo(422);
        assertThat(noTeam.json().path("errors").get(0).path("field").asString()).isEqualTo("teamId");
        Response unknownAction = asAdmin().postJson("/api/v1/pipeline-rules", Map.of("name", "r-" + UUID.randomUUID(),
                "action", "explode"));
        assertThat(unknownAction.status()).isEqualTo(422);
        assertThat(unknownAction.json().path("errors").get(0).path("field").asString()).isEqualTo("action");

        TestUser analyst = createUser(Role.ANALYST);
        assertThat(as(analyst).postJson("/api/v1/pipeline-rules", Map.of("name", "r-" + UUID.randomUUID(),
                "action", "drop")).status()).isEqualTo(403);
        assertThat(as(analyst).get("/api/v1/pipeline-rules").status()).isEqualTo(200);
    }

    @Test
    void changesToARuleAreAuditedWithBeforeAndAfter() {
        long feedId = createFeed("AMBER");
        long id = rule(dedup(feedId, "12h"));
        Map<String, Object> changed = new HashMap<>(dedup(feedId, "48h"));
        changed.put("name", "dedup-changed-" + id);
        Response updated = asAdmin().putJson("/api/v1/pipeline-rules/" + id, changed);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("window").asString()).isEqualTo("PT48H");
        assertThat(asAdmin().get("/api/v1/pipeline-rules?feedId=" + feedId).json().size()).isEqualTo(1);
        List<JsonNode> audit = auditEntries("pipeline_rule", id);
        assertThat(audit).extracting(e -> e.path("action").asString())
                .containsExactly("PIPELINE_RULE_UPDATED", "PIPELINE_RULE_CREATED");
        assertThat(audit.get(0).path("before").asString()).contains("PT12H");
        assertThat(audit.get(0).path("after").asString()).contains("PT48H");
    }

    /**
     * A crash after the rules settled some lines but before the store committed them: the resumed run gets those
     * lines again and must decide them as before (keep the kept, drop the repeats) without counting anything twice.
     */
    @Test
    void aResumedInputDecidesItsLinesAgainTheSameWayWithoutCountingTwice() throws Exception {
        Constituency c = constituency();
        long feedId = createFeed("AMBER");
        rule(dedup(feedId, "24h"));
        String bank5 = c.bankPrefix() + "5";
        String bank6 = c.bankPrefix() + "6";
        uploaded(feedId, report("2026-11-24 01:00:00", "x", bank5));
        String body = report("2026-11-24 02:00:00", "y", bank6, bank5, bank6, c.ispPrefix() + "3");
        JsonNode input = uploaded(feedId, body);
        long inputId = input.path("id").asLong();
        assertThat(input.path("eventsStored").asLong()).isEqualTo(2);
        assertThat(input.path("eventsRepeated").asLong()).isEqualTo(2);
        String repeatsBefore = repeats();

        List<Long> passed = new ArrayList<>();
        EventSink collect = batch -> {
            for (int i = 0; i < batch.size(); i++) {
                passed.add(batch.lineNumber(i));
            }
        };
        EventSink stage = ruleStages.wrap(feedId, inputId, line -> true, false, collect);
        parsers.parserFor(feeds.get(feedId)).parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                new OwnerEnricher(owners, stage), line -> { });

        assertThat(passed).as("the lines the first run stored").containsExactly(2L, 5L);
        JsonNode after = asAdmin().get("/api/v1/inputs/" + inputId).json();
        assertThat(after.path("eventsRepeated").asLong()).isEqualTo(2);
        assertThat(after.path("eventsStored").asLong()).isEqualTo(2);
        assertThat(repeats()).isEqualTo(repeatsBefore);
    }

    private String repeats() {
        return jdbc.sql("select raw_input_id, line_no, repeats from event_repeat order by raw_input_id, line_no")
                .query((rs, n) -> rs.getLong(1) + ":" + rs.getLong(2) + "=" + rs.getLong(3)).list().toString();
    }

    @Test
    void incidentRuleOpensOneIncidentPerCriticalOrganisationAndDay() {
        Constituency c = constituency();
        long energy = asAdmin().postJson("/api/v1/sectors", Map.of("name", "Energy " + UUID.randomUUID(),
                "criticalInfrastructure", true)).json().path("id").asLong();
        Map<String, Object> grid = new LinkedHashMap<>(asAdmin().get("/api/v1/organisations/" + c.bank()).json()
                .propertyStream().collect(HashMap::new, (m, e) -> m.put(e.getKey(), e.getValue().isNumber()
                        ? e.getValue().asLong() : e.getValue().isNull() ? null : e.getValue().asString()),
                        HashMap::putAll));
        grid.put("sectorId", energy);
        assertThat(asAdmin().putJson("/api/v1/organisations/" + c.bank(), grid).status()).isEqualTo(200);
        long feedId = createFeed("AMBER");
        rule(Map.of("name", "critical-" + UUID.randomUUID(), "feedId", feedId, "action", "incident",
                "severity", "critical", "match", List.of(Map.of("field", "source.organisation.critical",
                        "equals", "true"))));

        String bank5 = c.bankPrefix() + "5";
        String bank6 = c.bankPrefix() + "6";
        String isp7 = c.ispPrefix() + "7";
        uploaded(feedId, report("2026-11-24 01:00:00", "a", bank5, bank6, isp7));
        uploaded(feedId, report("2026-11-24 13:00:00", "b", bank6));

        JsonNode opened = asAdmin().get("/api/v1/incidents?organisationId=" + c.bank()).json();
        assertThat(opened.path("total").asLong()).as(opened.toString()).isEqualTo(1);
        JsonNode incident = opened.path("items").get(0);
        assertThat(incident.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(incident.path("tags").toString()).contains("automatic");
        assertThat(asAdmin().get("/api/v1/incidents/" + incident.path("id").asLong() + "/observables").json()
                .get(0).path("value").asString()).isEqualTo(bank5);
        assertThat(asAdmin().get("/api/v1/incidents?organisationId=" + c.isp()).json().path("total").asLong())
                .isZero();

        uploaded(feedId, report("2026-11-25 02:00:00", "c", bank5));
        assertThat(asAdmin().get("/api/v1/incidents?organisationId=" + c.bank()).json().path("total").asLong())
                .isEqualTo(2);
    }
}
