package org.opencirt.pipeline.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.pipeline.PipelineStoreFlow;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;

/**
 * The event pipeline and notification pages over real HTTP, logged in through the login form: every page renders
 * in English and French without a missing message, an upload through the feed page is stored and processed, a
 * quarantined line is replayed from its page, and a CONSTITUENT sees only its own organisation's events and
 * digests, and none of the staff pages.
 */
@IntegrationTest
class PipelinePagesIntegrationTests extends PipelineStoreFlow {

    private static final Pattern MISSING_MESSAGE = Pattern.compile("\\?\\?\\S+\\?\\?");

    @Test
    void everyPageRendersInEnglishAndFrenchWithoutMissingMessages() {
        Constituency c = constituency();
        long feedId = createFeed("AMBER");
        long inputId = upload(feedId, "pages.csv", snapshot(c, marker()), true).json().path("input").path("id")
                .asLong();
        TestHttpClient analyst = loggedIn(createUser(Role.COORDINATOR));
        List<String> paths = List.of("/pipeline/feeds", "/pipeline/feeds/" + feedId, "/pipeline/inputs",
                "/pipeline/inputs?feedId=" + feedId, "/pipeline/inputs/" + inputId, "/pipeline/quarantine",
                "/pipeline/quarantine?open=false", "/pipeline/events", "/pipeline/events?organisationId=" + c.bank()
                        + "&type=vulnerable-system&from=2026-11-24&to=2026-11-24", "/notifications", "/");
        for (String language : List.of("en", "fr")) {
            for (String path : paths) {
                Response page = analyst.get(path + (path.contains("?") ? "&" : "?") + "lang=" + language);
                assertThat(page.status()).as(path + " in " + language).isEqualTo(200);
                assertThat(page.body()).as(path + " in " + language).contains("lang=\"" + language + "\"")
                        .doesNotContainPattern(MISSING_MESSAGE);
            }
        }
        Response badDate = analyst.get("/pipeline/events?from=yesterday");
        assertThat(badDate.status()).isEqualTo(200);
        assertThat(badDate.body()).contains("is not a date");
    }

    @Test
    void fileUploadedOnTheFeedPageIsStoredAndItsQuarantinedLineReplayedFromItsPage() {
        Constituency c = constituency();
        long feedId = createFeed("AMBER");
        TestHttpClient analyst = loggedIn(createUser(Role.ANALYST));

        Response uploaded = analyst.postFileFrom("/pipeline/feeds/" + feedId, "/pipeline/feeds/" + feedId
                + "/inputs", "file", "2026-11-24-scan_rdp.csv", snapshot(c, marker()));

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(302);
        String inputPath = uploaded.header("Location").replaceAll("^https?://[^/]+", "").replaceAll(";.*$", "");
        assertThat(inputPath).matches("/pipeline/inputs/\\d+");
        long inputId = Long.parseLong(inputPath.substring(inputPath.lastIndexOf('/') + 1));
        Awaitility.await().until(() -> asAdmin().get("/api/v1/inputs/" + inputId).json()
                .path("state").asString().equals("done"));
        String inputPage = analyst.get(inputPath).body();
        assertThat(inputPage).contains("2026-11-24-scan_rdp.csv", "id=\"input-events\">5<",
                "id=\"input-quarantined\">2<");
        long lineId = asAdmin().get("/api/v1/quarantine?inputId=" + inputId).json().path("items").get(0).path("id")
                .asLong();

        Response replayed = analyst.postFormFrom("/pipeline/quarantine", "/pipeline/quarantine/" + lineId
                + "/replay", Map.of());

        assertThat(replayed.status()).isEqualTo(302);
        assertThat(asAdmin().get("/api/v1/quarantine?inputId=" + inputId).json().path("items").get(0)
                .path("resolution").isNull()).as("still a bad port, so still quarantined").isTrue();
        assertThat(analyst.get("/pipeline/quarantine").body()).contains("Replayed; the line still does not parse");
        TestHttpClient auditor = loggedIn(createUser(Role.AUDITOR));
        assertThat(auditor.get("/pipeline/feeds/" + feedId).body()).doesNotContain("id=\"upload-form\"");
        assertThat(auditor.postFormFrom("/pipeline/quarantine", "/pipeline/quarantine/" + lineId + "/replay",
                Map.of()).status()).isEqualTo(403);
    }

    @Test
    void constituentSeesOwnEventsAndDigestsOnlyAndNoStaffPage() {
        Constituency c = constituency();
        long feedId = createFeed("AMBER");
        String marker = marker();
        upload(feedId, "own.csv", snapshot(c, marker), true);
        TestHttpClient member = loggedIn(constituentOf(c.bank()));

        String events = member.get("/pipeline/events").body();

        assertThat(events).contains(c.bankPrefix() + "5", c.bankPrefix() + "6").doesNotContain(c.ispPrefix(),
                "192.0.2.8", "id=\"organisationId\"", "id=\"feed\"");
        assertThat(member.get("/pipeline/events?organisationId=" + c.isp()).status()).isEqualTo(403);
        String export = member.get("/api/v1/events/export?format=csv").body();
        assertThat(export).contains(c.bankPrefix() + "5").doesNotContain(c.ispPrefix());
        for (String staffPage : List.of("/pipeline/feeds", "/pipeline/feeds/" + feedId, "/pipeline/inputs",
                "/pipeline/quarantine")) {
            assertThat(member.get(staffPage).status()).as(staffPage).isEqualTo(403);
        }
        String notifications = member.get("/notifications").body();
        assertThat(notifications).doesNotContain("id=\"digest-settings\"", "id=\"notifications-filter\"");
        String home = member.get("/").body();
        assertThat(home).contains("href=\"/pipeline/events\"", "href=\"/notifications\"")
                .doesNotContain("href=\"/pipeline/feeds\"");
    }

    @Test
    void coordinatorSetsAnOrganisationsDigestsOnTheNotificationsPage() {
        Constituency c = constituency();
        TestHttpClient coordinator = loggedIn(createUser(Role.COORDINATOR));

        Response saved = coordinator.postFormFrom("/notifications", "/notifications/settings", Map.of(
                "organisationId", Long.toString(c.isp()), "frequency", "HOURLY", "format", "XARF"));

        assertThat(saved.status()).isEqualTo(302);
        assertThat(asAdmin().get("/api/v1/notifications/settings/" + c.isp()).json().path("format").asString())
                .isEqualTo("XARF");
        String page = coordinator.get("/notifications").body();
        assertThat(page).contains("The new settings apply from");
        TestHttpClient analyst = loggedIn(createUser(Role.ANALYST));
        assertThat(analyst.get("/notifications").body()).doesNotContain("id=\"settings-form\"");
        assertThat(analyst.postFormFrom("/notifications", "/notifications/settings", Map.of("organisationId",
                Long.toString(c.isp()), "format", "CSV")).status()).isEqualTo(403);
    }

    private static String marker() {
        return "p" + UUID.randomUUID().toString().substring(0, 6);
    }
}
