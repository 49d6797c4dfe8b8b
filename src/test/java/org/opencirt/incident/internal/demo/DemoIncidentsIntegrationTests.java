package org.opencirt.incident.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencirt.common.PageRequest;
import org.opencirt.incident.Incident;
import org.opencirt.incident.IncidentQuery;
import org.opencirt.incident.IncidentService;
import org.opencirt.incident.IncidentState;
import org.opencirt.test.TestHttpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A new installation with demo data shows incidents in every state, and the demo constituent sees only its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:demo-incidents-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH",
        "opencirt.demo-data=true",
        "opencirt.admin-password=demo-test-password"})
class DemoIncidentsIntegrationTests {

    @Autowired
    IncidentService incidents;
    @LocalServerPort
    int port;

    @Test
    void demoIncidentsCoverTheStatesAndAreMarkedDemo() {
        List<Incident> all = incidents.search(IncidentQuery.all(), new PageRequest(0, 100)).items();
        assertThat(all).hasSizeGreaterThanOrEqualTo(6).allSatisfy(i -> assertThat(i.demo()).isTrue());
        assertThat(all).extracting(Incident::state).contains(IncidentState.NEW, IncidentState.IN_PROGRESS,
                IncidentState.CONTAINED, IncidentState.RESOLVED, IncidentState.CLOSED,
                IncidentState.WAITING_FOR_CONSTITUENT);
        Incident phishing = all.stream().filter(i -> i.classificationType().equals("phishing")).findFirst()
                .orElseThrow();
        assertThat(incidents.observables(phishing.id())).anySatisfy(o -> assertThat(o.ownerName())
                .isEqualTo("Bank of Caldera"));
    }

    @Test
    void demoConstituentSeesOnlyItsBanksIncidents() {
        TestHttpClient constituent = TestHttpClient.basic(port, "constituent", "demo-test-password");
        var list = constituent.get("/api/v1/incidents").json();
        assertThat(list.get("total").asLong()).isBetween(1L, 3L);
        list.get("items").forEach(item -> assertThat(item.get("organisations").valueStream()
                .map(o -> o.get("name").asString()).toList()).contains("Bank of Caldera"));
        assertThat(list.get("items").valueStream().map(i -> i.get("tlp").asString()).toList()).doesNotContain("RED");
    }
}
