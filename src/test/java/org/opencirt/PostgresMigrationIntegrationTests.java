package org.opencirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencirt.audit.AuditChannel;
import org.opencirt.audit.AuditEntry;
import org.opencirt.audit.AuditLog;
import org.opencirt.audit.ChainVerification;
import org.opencirt.identity.Role;
import org.opencirt.test.AuditRows;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.PostgresIntegrationTest;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;

@PostgresIntegrationTest
class PostgresMigrationIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AuditLog audit;

    @Test
    void migrationsRunOnPostgresInAFreshSchema() {
        String product = jdbc.sql("select version()").query(String.class).single();
        String schema = jdbc.sql("select current_schema()").query(String.class).single();
        List<String> applied = jdbc
                .sql("select version from flyway_schema_history where success order by installed_rank")
                .query(String.class).list();

        assertThat(product).startsWith("PostgreSQL");
        assertThat(schema).startsWith("oc_test_");
        assertThat(applied).contains("1");
        assertThat(jdbc.sql("select count(*) from app_user where username = ?").param(ADMIN).query(Long.class).single())
                .isOne();
    }

    @Test
    void auditChainVerifiesAndDetectsTamperingOnPostgres() {
        AuditEntry entry = AuditChannel.callAs(AuditChannel.SYSTEM, () -> audit.record("UPDATE", "test", "pg",
                "café – naïve ✓", Map.of("name", "before"), Map.of("name", "after")));
        AuditRows rows = new AuditRows(jdbc, audit);

        assertThat(audit.verify().intact()).isTrue();
        ChainVerification tampered = rows.verifyTampered(entry, () -> rows.changeSummary(entry.seq(), "cafe"));

        assertThat(tampered.intact()).isFalse();
        assertThat(tampered.firstBrokenSeq()).isEqualTo(entry.seq());
        assertThat(audit.verify().intact()).isTrue();
        assertThat(asAdmin().get("/api/v1/audit?entityType=test&entityId=pg").json().path("items").path(0)
                .path("summary").asString()).isEqualTo("café – naïve ✓");
    }

    @Test
    void tokenRoundTripOnPostgres() {
        TestUser analyst = createUser(Role.ANALYST);
        Response issued = as(analyst).postJson("/api/v1/tokens", Map.of("name", "pg"));
        String token = issued.json().path("token").asString();
        TestHttpClient withToken = TestHttpClient.bearer(port, token);

        assertThat(issued.status()).isEqualTo(201);
        assertThat(withToken.get("/api/v1/users/me").json().path("username").asString())
                .isEqualTo(analyst.username());
        assertThat(withToken.delete("/api/v1/tokens/" + issued.json().path("apiToken").path("id").asLong()).status())
                .isEqualTo(204);
        assertThat(withToken.get("/api/v1/users/me").status()).isEqualTo(401);
    }
}
