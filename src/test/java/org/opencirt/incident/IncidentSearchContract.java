package org.opencirt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.incident.internal.IncidentAccess;
import org.opencirt.incident.internal.IncidentRepository;
import org.opencirt.test.IncidentBuilder;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.OrganisationBuilder;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What the incident list answers, the same on H2 and on PostgreSQL (where full-text search, sorting and counting
 * take other paths, see ADR 0014): run by {@link IncidentSearchIntegrationTests} and
 * {@link IncidentSearchPostgresIntegrationTests}.
 */
abstract class IncidentSearchContract extends IntegrationTestSupport {

    @Autowired
    DataSource dataSource;

    TestHttpClient admin;
    String word;

    @BeforeEach
    void setUp() {
        admin = asAdmin();
        // one lower-case word, unknown to every other test
        word = "zq" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
    }

    @Test
    void textSearchFindsEveryWordInTitleDescriptionOrTags() {
        long inTitle = open(IncidentBuilder.create().titled("Beacon " + word + " seen").build());
        long inDescription = open(IncidentBuilder.create().titled("Other title").described("Seen from " + word
                + " at night").build());
        long inTags = open(IncidentBuilder.create().titled("Tagged").tags(word).build());
        open(IncidentBuilder.create().titled("Unrelated " + word.substring(0, 4)).build());

        JsonNode all = admin.get("/api/v1/incidents?q=" + word).json();
        assertThat(ids(all)).containsExactly(inTags, inDescription, inTitle);
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("totalExact").asBoolean()).isTrue();
        assertThat(ids(admin.get("/api/v1/incidents?q=beacon+" + word).json())).containsExactly(inTitle);
        assertThat(ids(admin.get("/api/v1/incidents?q=" + word + "+night").json())).containsExactly(inDescription);
    }

    @Test
    void sortsBySeverityThenNewestAndByDueDate() {
        long low = open(IncidentBuilder.create().titled("Low " + word).severity("LOW").build());
        long critical = open(IncidentBuilder.create().titled("Critical " + word).severity("CRITICAL").build());
        long medium = open(IncidentBuilder.create().titled("Medium " + word).severity("MEDIUM").build());
        long criticalToo = open(IncidentBuilder.create().titled("Critical too " + word).severity("CRITICAL").build());

        assertThat(ids(admin.get("/api/v1/incidents?sort=severity&q=" + word).json()))
                .containsExactly(criticalToo, critical, medium, low);
        // due dates follow the severity's resolution target: critical (1 day) first, low (30 days) last
        assertThat(ids(admin.get("/api/v1/incidents?sort=due&q=" + word).json()))
                .containsExactly(critical, criticalToo, medium, low);
        assertThat(ids(admin.get("/api/v1/incidents?severity=CRITICAL&q=" + word).json()))
                .containsExactly(criticalToo, critical);
    }

    @Test
    void longListIsCountedOnlyUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            open(IncidentBuilder.create().titled("Counted " + word + " " + i).build());
        }
        IncidentRepository limited = new IncidentRepository(jdbc, dataSource, 3);
        IncidentQuery query = new IncidentQuery(word, null, null, null, null, null, null, null, null, null, null,
                null, null);
        IncidentAccess.Viewer everyone = new IncidentAccess.Viewer(null, null, true);

        PageResult<Incident> first = limited.search(query, everyone, Instant.now(), new PageRequest(0, 2));
        assertThat(first.items()).hasSize(2);
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.totalExact()).isFalse();
        assertThat(first.hasNext()).isTrue();
        PageResult<Incident> second = limited.search(query, everyone, Instant.now(), new PageRequest(1, 2));
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.totalExact()).isFalse();
        assertThat(second.hasNext()).isTrue();
        PageResult<Incident> last = limited.search(query, everyone, Instant.now(), new PageRequest(2, 2));
        assertThat(last.items()).hasSize(1);
        assertThat(last.total()).isEqualTo(5);
        assertThat(last.totalExact()).isTrue();
        assertThat(last.hasNext()).isFalse();
        PageResult<Incident> whole = limited.search(query, everyone, Instant.now(), new PageRequest(0, 10));
        assertThat(whole.total()).isEqualTo(5);
        assertThat(whole.totalExact()).isTrue();
        PageResult<Incident> few = limited.search(new IncidentQuery(word + " 4", null, null, null, null, null, null,
                null, null, null, null, null, null), everyone, Instant.now(), new PageRequest(0, 1));
        assertThat(few.items()).hasSize(1);
        assertThat(few.total()).isEqualTo(1);
        assertThat(few.totalExact()).isTrue();
    }

    @Test
    void constituentSearchSeesOnlyItsOrganisationAndNamedRed() {
        long own = organisation("Own " + word);
        long other = organisation("Other " + word);
        TestUser member = createConstituent(own);
        long visible = open(IncidentBuilder.create().titled("Visible " + word).affecting(own, other).build());
        open(IncidentBuilder.create().titled("Elsewhere " + word).affecting(other).build());
        open(IncidentBuilder.create().titled("Red " + word).tlp("RED").affecting(own).build());
        long named = open(IncidentBuilder.create().titled("Named " + word).tlp("RED").affecting(own)
                .recipients(member.id()).build());

        JsonNode seen = as(member).get("/api/v1/incidents?q=" + word).json();
        assertThat(ids(seen)).containsExactly(named, visible);
        assertThat(seen.get("total").asLong()).isEqualTo(2);
        assertThat(ids(as(member).get("/api/v1/incidents?tlp=RED").json())).containsExactly(named);
        assertThat(ids(admin.get("/api/v1/incidents?organisationId=" + own + "&q=" + word).json())).hasSize(3)
                .contains(visible, named);
    }

    @Test
    void changingTheAffectedOrganisationsMovesTheIncidentBetweenConstituentsAndFilters() {
        long sector = admin.postJson("/api/v1/sectors", Map.of("name", "Sector " + word)).json().get("id").asLong();
        long first = organisation("First " + word);
        long second = admin.postJson("/api/v1/organisations", OrganisationBuilder.create().named("Second " + word)
                .inSector(sector).build()).json().get("id").asLong();
        TestUser inFirst = createConstituent(first);
        TestUser inSecond = createConstituent(second);
        long id = open(IncidentBuilder.create().titled("Moving " + word).affecting(first).build());
        assertThat(ids(as(inFirst).get("/api/v1/incidents?q=" + word).json())).containsExactly(id);
        assertThat(ids(as(inSecond).get("/api/v1/incidents").json())).isEmpty();
        assertThat(ids(admin.get("/api/v1/incidents?sectorId=" + sector).json())).isEmpty();

        Response moved = admin.patchJson("/api/v1/incidents/" + id, Map.of("organisationIds", List.of(second)));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(ids(as(inFirst).get("/api/v1/incidents").json())).isEmpty();
        assertThat(ids(as(inSecond).get("/api/v1/incidents?q=" + word).json())).containsExactly(id);
        assertThat(ids(admin.get("/api/v1/incidents?organisationId=" + second).json())).containsExactly(id);
        assertThat(ids(admin.get("/api/v1/incidents?organisationId=" + first).json())).isEmpty();
        assertThat(ids(admin.get("/api/v1/incidents?sectorId=" + sector).json())).containsExactly(id);

        admin.patchJson("/api/v1/incidents/" + id, Map.of("organisationIds", List.of()));
        assertThat(ids(as(inSecond).get("/api/v1/incidents").json())).isEmpty();
        assertThat(ids(admin.get("/api/v1/incidents?sectorId=" + sector).json())).isEmpty();
    }

    private long open(Map<String, Object> body) {
        Response response = admin.postJson("/api/v1/incidents", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private long organisation(String name) {
        Response response = admin.postJson("/api/v1/organisations", OrganisationBuilder.create().named(name).build());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private static List<Long> ids(JsonNode page) {
        return page.get("items").valueStream().map(i -> i.get("id").asLong()).toList();
    }
}
