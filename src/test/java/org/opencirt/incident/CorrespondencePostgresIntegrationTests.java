package org.opencirt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencirt.test.PostgresIntegrationTest;
import org.springframework.test.context.TestPropertySource;

/** The correspondence tests again on PostgreSQL, with the SLA holiday table (a date key) beside them. */
@PostgresIntegrationTest
@TestPropertySource(properties = "opencirt.test.context=correspondence-postgres")
class CorrespondencePostgresIntegrationTests extends CorrespondenceIntegrationTests {

    @Test
    void holidaysRoundTripOnPostgres() {
        assertThat(asAdmin().putJson("/api/v1/sla/holidays/2032-01-01", Map.of("name", "New Year")).status())
                .isEqualTo(200);
        assertThat(asAdmin().putJson("/api/v1/sla/holidays/2032-01-01", Map.of("name", "Nouvel an")).status())
                .isEqualTo(200);
        assertThat(asAdmin().get("/api/v1/sla").json().path("holidays").valueStream()
                .filter(h -> h.path("date").asString().equals("2032-01-01")).map(h -> h.path("name").asString())
                .toList()).containsExactly("Nouvel an");
        assertThat(asAdmin().delete("/api/v1/sla/holidays/2032-01-01").status()).isEqualTo(204);
    }
}
