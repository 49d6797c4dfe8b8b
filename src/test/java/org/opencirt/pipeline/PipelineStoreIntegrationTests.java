package org.opencirt.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.TestHttpClient.Response;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class PipelineStoreIntegrationTests extends PipelineStoreFlow {

    @Test
    void snapshotIsStoredWithOwnersBadLinesQuarantinedAndReplayedAfterAFeedFix() {
        uploadsStoresQuarantinesAndReplays();
    }

    @Test
    void storedEventsExportAndSearchAsTheIntelMqLinesTheyWereWritten() throws Exception {
        storedEventsReadBackAsTheLinesTheyWereWritten();
    }

    @Test
    void constituentSeesOnlyItsOwnOrganisationsEventsAndNeverRed() {
        Constituency c = constituency();
        long amber = createFeed("AMBER");
        long red = createFeed("RED");
        String marker = "c" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(upload(amber, "a.csv", snapshot(c, marker), true).status()).isEqualTo(201);
        assertThat(upload(red, "r.csv", snapshot(c, marker + "r"), true).status()).isEqualTo(201);
        TestUser bankUser = constituentOf(c.bank());

        JsonNode own = as(bankUser).get("/api/v1/events?size=500").json();
        assertThat(own.path("total").asLong()).isEqualTo(2);
        own.path("items").forEach(event -> {
            assertThat(event.path("organisationId").asLong()).isEqualTo(c.bank());
            assertThat(event.path("tlp").asString()).isEqualTo("AMBER");
        });
        assertThat(as(bankUser).get("/api/v1/events?organisationId=" + c.isp()).status()).isEqualTo(403);
        assertThat(as(bankUser).get("/api/v1/events/export?format=csv&organisationId=" + c.isp()).status())
                .isEqualTo(403);
        assertThat(as(bankUser).get("/api/v1/feeds").status()).isEqualTo(403);
        String csv = as(bankUser).get("/api/v1/events/export?format=csv").body();
        assertThat(csv.strip().split("\r\n")).hasSize(3);

        JsonNode staff = asAdmin().get("/api/v1/events?organisationId=" + c.bank()).json();
        assertThat(staff.path("total").asLong()).isEqualTo(4);
    }

    @Test
    void exportsParseBackAsCsvAndIntelMqJsonLines() {
        Constituency c = constituency();
        long feedId = createFeed("GREEN");
        String marker = "x" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(upload(feedId, "x.csv", snapshot(c, marker), true).status()).isEqualTo(201);
        String feedName = asAdmin().get("/api/v1/feeds/" + feedId).json().path("name").asString();

        Response csv = asAdmin().get("/api/v1/events/export?format=csv&feed=" + feedName);
        assertThat(csv.status()).isEqualTo(200);
        String[] rows = csv.body().split("\r\n");
        assertThat(rows).hasSize(6);
        List<String> header = List.of(rows[0].split(","));
        int ip = header.indexOf("source_ip");
        int owner = header.indexOf("organisation_id");
        assertThat(rows[1].split(",", -1)[ip]).isEqualTo(c.bankPrefix() + "5");
        assertThat(rows[1].split(",", -1)[owner]).isEqualTo(Long.toString(c.bank()));

        Response jsonl = asAdmin().get("/api/v1/events/export?format=intelmq&feed=" + feedName);
        String[] lines = jsonl.body().strip().split("\n");
        assertThat(lines).hasSize(5);
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.path("source.ip").asString()).isEqualTo(c.bankPrefix() + "5");
        assertThat(first.path("source.port").asInt()).isEqualTo(3389);
        assertThat(first.path("classification.type").asString()).isEqualTo("vulnerable-system");
        assertThat(first.path("extra.source.organisation.id").asLong()).isEqualTo(c.bank());
        assertThat(first.path("tlp").asString()).isEqualTo("GREEN");
    }

    @Test
    void badFeedsAndFormatsGiveProblemJson() {
        Response unknownReport = asAdmin().postJson("/api/v1/feeds", Map.of("name", "bad-" + UUID.randomUUID(),
                "parser", "shadowserver", "reportType", "no_such_report"));
        assertThat(unknownReport.status()).isEqualTo(422);
        assertThat(unknownReport.contentType()).contains("application/problem+json");
        Response badConfig = asAdmin().postJson("/api/v1/feeds", Map.of("name", "bad-" + UUID.randomUUID(),
                "parser", "csv", "config", "column.ip = no.such.field"));
        assertThat(badConfig.status()).isEqualTo(422);
        assertThat(asAdmin().get("/api/v1/events/export?format=xml").status()).isEqualTo(400);
        long feedId = createFeed("AMBER");
        assertThat(upload(feedId, "empty.csv", "", true).status()).isEqualTo(422);
        assertThat(upload(999_999, "x.csv", "a", true).status()).isEqualTo(404);
    }
}
