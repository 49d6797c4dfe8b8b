package org.opencirt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.test.AuditRows;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.TestHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class AuditLogIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AuditLog audit;

    AuditRows rows;
    String entityId;

    @BeforeEach
    void setUp() {
        rows = new AuditRows(jdbc, audit);
        entityId = UUID.randomUUID().toString();
    }

    @Test
    void eachEntryLinksToThePreviousOne() {
        List<AuditEntry> entries = recordThree();

        assertThat(entries.get(1).seq()).isEqualTo(entries.get(0).seq() + 1);
        assertThat(entries.get(2).seq()).isEqualTo(entries.get(1).seq() + 1);
        assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(0).hash());
        assertThat(entries.get(2).prevHash()).isEqualTo(entries.get(1).hash());
        assertThat(entries).extracting(AuditEntry::hash).allMatch(hash -> hash.matches("[0-9a-f]{64}"));
    }

    @Test
    void untouchedChainVerifiesAsIntact() {
        AuditEntry last = recordThree().get(2);

        ChainVerification verification = audit.verify();

        assertThat(verification.intact()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(last.seq());
        assertThat(verification.firstBrokenSeq()).isNull();
    }

    @Test
    void changedSummaryIsReportedAtThatEntry() {
        AuditEntry middle = recordThree().get(1);

        ChainVerification verification = rows.verifyTampered(middle,
                () -> rows.changeSummary(middle.seq(), "nothing to see here"));

        assertBrokenAt(verification, middle, "does not match its hash");
    }

    @Test
    void deletedMiddleEntryIsReportedAsMissing() {
        AuditEntry middle = recordThree().get(1);

        ChainVerification verification = rows.verifyTampered(middle, () -> rows.delete(middle.seq()));

        assertBrokenAt(verification, middle, "missing");
    }

    @Test
    void deletedLastEntryIsReportedAgainstTheChainHead() {
        AuditEntry last = recordThree().get(2);

        ChainVerification verification = rows.verifyTampered(last, () -> rows.delete(last.seq()));

        assertBrokenAt(verification, last, "ends before its recorded head");
    }

    @Test
    void longSummaryIsCutTo500CharactersAndStillVerifies() {
        AuditEntry entry = audit.record("UPDATE", "test", entityId, "x".repeat(600), null, Map.of("a", 1));

        assertThat(entry.summary()).hasSize(500);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void auditorReadsEntriesAndVerificationThroughTheApi() {
        recordThree();
        TestUser auditor = createUser(Role.AUDITOR);

        Response page = as(auditor).get("/api/v1/audit?entityType=test&entityId=" + entityId + "&size=2");
        Response verification = as(auditor).get("/api/v1/audit/verify");

        assertThat(page.status()).isEqualTo(200);
        JsonNode body = page.json();
        assertThat(body.path("total").asLong()).isEqualTo(3);
        assertThat(body.path("size").asInt()).isEqualTo(2);
        assertThat(body.path("items").size()).isEqualTo(2);
        assertThat(body.path("items").path(0).path("action").asString()).isEqualTo("DELETE");
        assertThat(body.path("items").path(0).path("channel").asString()).isEqualTo("SYSTEM");
        assertThat(verification.status()).isEqualTo(200);
        assertThat(verification.json().path("intact").asBoolean()).isTrue();
    }

    @Test
    void apiFiltersByActorChannelAndTime() {
        Instant before = Instant.now().minusSeconds(1);
        recordThree();
        TestUser auditor = createUser(Role.AUDITOR);
        String onThisEntity = "/api/v1/audit?entityType=test&entityId=" + entityId;

        assertThat(as(auditor).get(onThisEntity + "&actor=system&channel=system").json().path("total").asLong())
                .isEqualTo(3);
        assertThat(as(auditor).get(onThisEntity + "&channel=API").json().path("total").asLong()).isZero();
        assertThat(as(auditor).get(onThisEntity + "&action=UPDATE").json().path("total").asLong()).isEqualTo(1);
        assertThat(as(auditor).get(onThisEntity + "&from=" + before).json().path("total").asLong()).isEqualTo(3);
        assertThat(as(auditor).get(onThisEntity + "&to=" + before).json().path("total").asLong()).isZero();
        assertThat(as(auditor).get(onThisEntity + "&from=" + Instant.now().plus(1, ChronoUnit.HOURS))
                .json().path("total").asLong()).isZero();
    }

    @Test
    void badFilterValuesAreRejectedWithTheFieldsNamed() {
        TestUser auditor = createUser(Role.AUDITOR);

        Response response = as(auditor).get("/api/v1/audit?channel=fax&from=yesterday");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors").valueStream().map(error -> error.path("field").asString()))
                .containsExactly("channel", "from");
    }

    @Test
    void openApiDescribesEachFilterAsAQueryParameter() {
        JsonNode operation = asAdmin().get("/v3/api-docs", Map.of("Accept", "application/json")).json()
                .path("paths").path("/api/v1/audit").path("get");

        assertThat(operation.path("parameters").valueStream().map(parameter -> parameter.path("name").asString()))
                .containsExactlyInAnyOrder("actor", "action", "entityType", "entityId", "channel", "from", "to",
                        "page", "size");
    }

    @Test
    void analystIsRefusedWithProblemJson() {
        TestUser analyst = createUser(Role.ANALYST);

        for (String path : List.of("/api/v1/audit", "/api/v1/audit/verify")) {
            Response response = as(analyst).get(path);

            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.json().path("status").asInt()).isEqualTo(403);
        }
    }

    @Test
    void anonymousCallerIsAskedToAuthenticate() {
        Response response = anonymous().get("/api/v1/audit");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private void assertBrokenAt(ChainVerification verification, AuditEntry entry, String reason) {
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(entry.seq());
        assertThat(verification.reason()).contains(reason);
        assertThat(audit.verify().intact()).as("intact again once the entry is restored").isTrue();
    }

    private List<AuditEntry> recordThree() {
        return AuditChannel.callAs(AuditChannel.SYSTEM, () -> List.of(
                audit.record("CREATE", "test", entityId, "created", null, Map.of("name", "first")),
                audit.record("UPDATE", "test", entityId, "renamed", Map.of("name", "first"), Map.of("name", "second")),
                audit.record("DELETE", "test", entityId, "deleted", Map.of("name", "second"), null)));
    }
}
