package org.opencirt.incident.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.incident.Attachment;
import org.opencirt.incident.Report;
import org.opencirt.incident.ReportChannel;
import org.opencirt.incident.ReportService;
import org.opencirt.test.IncidentBuilder;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.OrganisationBuilder;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The staff pages of incident handling over real HTTP, logged in through the login form as a browser: the reports
 * queue and its triage, the incident list with filters, export and saved views, the incident page's tabs and forms
 * (CSRF included), field messages instead of errors, and who may not see or change what.
 */
@IntegrationTest
class IncidentPagesIntegrationTests extends IntegrationTestSupport {

    /** What Thymeleaf prints for a message key that has no text, such as {@code ??incident.tab.summary_fr??}. */
    private static final Pattern MISSING_MESSAGE = Pattern.compile("\\?\\?\\S+\\?\\?");

    @Autowired
    ReportService reportService;

    TestHttpClient admin;
    TestUser analyst;
    TestHttpClient browser;
    String suffix;

    @BeforeEach
    void setUp() {
        // a token, not Basic: each Basic request checks a bcrypt hash, which makes many API calls slow
        admin = TestHttpClient.bearer(port, asAdmin().postJson("/api/v1/tokens", Map.of("name", "pages"))
                .json().get("token").asString());
        analyst = createUser(Role.ANALYST);
        browser = loggedIn(analyst);
        suffix = Long.toString(System.nanoTime(), 36);
    }

    // ------------------------------------------------------------------ reports queue and triage

    @Test
    void queueListsNewReportsAndBulkAcceptMakesOneIncident() {
        long first = report("Phishing wave " + suffix, "Mails asking for bank passwords");
        long second = report("More phishing " + suffix, "Same campaign, other sender");

        String queue = page("/reports?q=" + suffix);
        assertThat(queue).contains("Phishing wave " + suffix, "More phishing " + suffix, "Administrator",
                "value=\"" + first + "\"", "id=\"triage-accept\"");

        Response accepted = triage(List.of(first, second), "ACCEPT", Map.of("title", "Campaign " + suffix,
                "classificationType", "phishing", "severity", "HIGH"));

        String incidentPath = accepted.header("Location");
        assertThat(incidentPath).matches(".*/incidents/\\d+$");
        String incident = follow(accepted);
        assertThat(incident).contains("Campaign " + suffix, "Reports accepted into this new incident.", "Phishing",
                "High");
        long id = Long.parseLong(incidentPath.replaceAll(".*/", ""));
        for (long reportId : List.of(first, second)) {
            JsonNode report = admin.get("/api/v1/reports/" + reportId).json();
            assertThat(report.get("state").asString()).isEqualTo("ACCEPTED");
            assertThat(report.get("incidentId").asLong()).isEqualTo(id);
        }
        assertThat(page("/reports?q=" + suffix)).doesNotContain("Phishing wave " + suffix);
        assertThat(page("/reports?state=ACCEPTED&q=" + suffix)).contains("Phishing wave " + suffix);
    }

    @Test
    void rejectWithoutReasonShowsTheFieldMessageAndKeepsTheReportChecked() {
        long spam = report("Cheap watches " + suffix, "buy now");

        Response refused = triage(List.of(spam), "REJECT", Map.of());

        assertThat(refused.status()).isEqualTo(302);
        String queue = follow(refused);
        assertThat(queue).contains("field-error", "say why the reports are rejected")
                .containsPattern("value=\"" + spam + "\"[^>]*checked");
        assertThat(admin.get("/api/v1/reports/" + spam).json().get("state").asString()).isEqualTo("NEW");

        follow(triage(List.of(spam), "REJECT", Map.of("reason", "spam")));
        JsonNode rejected = admin.get("/api/v1/reports/" + spam).json();
        assertThat(rejected.get("state").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("decisionReason").asString()).isEqualTo("spam");
    }

    @Test
    void attachingToAnUnknownIncidentIsAFieldMessageAndToAnExistingOneLeadsThere() {
        long reportId = report("Follow-up " + suffix, "Another defaced page");
        long incident = open(IncidentBuilder.create().titled("Defacements " + suffix).build());

        String unknown = follow(triage(List.of(reportId), "ATTACH", Map.of("incidentId", "999999999")));
        assertThat(unknown).contains("incidentId-error", "999999999");
        String notANumber = follow(triage(List.of(reportId), "ATTACH", Map.of("incidentId", "twelve")));
        assertThat(notANumber).contains("incidentId-error", "twelve");

        Response attached = triage(List.of(reportId), "ATTACH", Map.of("incidentId", String.valueOf(incident)));
        assertThat(attached.header("Location")).endsWith("/incidents/" + incident);
        assertThat(follow(attached)).contains("Reports attached to this incident.", "Defacements " + suffix);
        assertThat(admin.get("/api/v1/reports/" + reportId).json().get("state").asString()).isEqualTo("ATTACHED");
    }

    @Test
    void reportPageShowsBodyAttachmentAndWhyItCouldNotBeRead() {
        byte[] evidence = ("<script>alert('" + suffix + "')</script>").getBytes(StandardCharsets.UTF_8);
        Report report = reportService.submit(new Report.Submission(ReportChannel.EMAIL, "mailbox", "msg-" + suffix,
                "Reporter " + suffix, "reporter@example.org", "Strange mail " + suffix, "See the attached page",
                null, "mail server", "raw mail".getBytes(StandardCharsets.UTF_8), "no text part in the message",
                List.of(), List.of(new Attachment.Upload("page-" + suffix + ".html", "text/html", evidence))))
                .report();
        long attachmentId = report.attachments().get(0).id();

        String page = page("/reports/" + report.id());

        assertThat(page).contains("Strange mail " + suffix, "See the attached page", "no text part in the message",
                "parse-error", "page-" + suffix + ".html", report.trackingCode(), "reporter@example.org",
                report.rawSha256());
        Response download = browser.get("/reports/" + report.id() + "/attachments/" + attachmentId);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("application/octet-stream");
        assertThat(download.header("Content-Disposition")).startsWith("attachment");
        assertThat(download.body()).isEqualTo(new String(evidence, StandardCharsets.UTF_8));
        assertThat(browser.get("/reports/" + report.id() + "/attachments/" + (attachmentId + 1000)).status())
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------ the list, export, views

    @Test
    void listFiltersSearchesAndExportsTheSameRows() {
        long high = open(IncidentBuilder.create().titled("Ransomware " + suffix).severity("HIGH")
                .classified("infected-system").build());
        long low = open(IncidentBuilder.create().titled("Spam run " + suffix).severity("LOW").classified("spam")
                .build());

        String filtered = page("/incidents?q=" + suffix + "&severity=HIGH&severity=CRITICAL&sort=severity");
        assertThat(filtered).contains("Ransomware " + suffix).doesNotContain("Spam run " + suffix)
                .containsPattern("name=\"severity\" value=\"HIGH\"[^>]*checked");
        assertThat(page("/incidents?q=" + suffix + "&classification=malicious-code")).contains("Ransomware " + suffix)
                .doesNotContain("Spam run " + suffix);
        String fragment = browser.get("/incidents?q=" + suffix + "&severity=LOW", Map.of("HX-Request", "true"))
                .body();
        assertThat(fragment).startsWith("<div id=\"results\"").contains("Spam run " + suffix)
                .doesNotContain("<html", "Ransomware " + suffix)
                .contains("/incidents/export?q=" + suffix + "&amp;severity=LOW");

        Response csv = browser.get("/incidents/export?q=" + suffix + "&severity=HIGH");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines()).hasSize(2);
        assertThat(csv.body()).contains(high + ",Ransomware " + suffix).doesNotContain(String.valueOf(low) + ",");

        String unreadable = page("/incidents?severity=APOCALYPTIC&sectorId=abc");
        assertThat(unreadable).contains("severity-error", "APOCALYPTIC", "sectorId-error");
    }

    @Test
    void overdueViewShowsOnlyLateIncidentsHighlighted() {
        long late = open(IncidentBuilder.create().titled("Late " + suffix).build());
        open(IncidentBuilder.create().titled("On time " + suffix).build());
        jdbc.sql("update incident set resolution_due = ? where id = ?")
                .params(OffsetDateTime.ofInstant(Instant.now().minus(2, ChronoUnit.HOURS), ZoneOffset.UTC), late)
                .update();

        String overdue = page("/incidents?overdue=true&q=" + suffix);

        assertThat(overdue).contains("Late " + suffix, "overdue-row", "badge danger")
                .doesNotContain("On time " + suffix);
        assertThat(page("/incidents/" + late)).contains("overdue-badge", "class=\"overdue\"");
    }

    @Test
    void savedViewsBelongToTheirUserAndAreAudited() {
        TestUser other = createUser(Role.ANALYST);
        TestHttpClient otherBrowser = loggedIn(other);
        String name = "High ones " + suffix;

        Response saved = browser.postForm("/incidents/views", Map.of("_csrf", csrf("/incidents"), "name", name,
                "query", "severity=HIGH&page=3&lang=fr&q="));

        assertThat(saved.header("Location")).endsWith("/incidents?severity=HIGH");
        assertThat(follow(saved)).contains("View saved.", ">" + name + "</a>", "href=\"/incidents?severity=HIGH\"");
        assertThat(otherBrowserPage(otherBrowser, "/incidents")).doesNotContain(name);
        JsonNode mine = as(analyst).get("/api/v1/incident-views").json();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("query").asString()).isEqualTo("severity=HIGH");
        long viewId = mine.get(0).get("id").asLong();
        assertThat(as(other).get("/api/v1/incident-views").json()).isEmpty();
        assertThat(as(other).delete("/api/v1/incident-views/" + viewId).status()).isEqualTo(404);
        assertThat(otherBrowser.postForm("/incidents/views/" + viewId + "/delete",
                Map.of("_csrf", otherBrowser.get("/incidents").csrfToken())).status()).isEqualTo(404);

        String again = follow(browser.postForm("/incidents/views", Map.of("_csrf", csrf("/incidents"), "name",
                name.toUpperCase(), "query", "severity=LOW")));
        assertThat(again).contains("view-name-error", "you already have a view named");

        Response created = as(other).postJson("/api/v1/incident-views", Map.of("name", name, "query", "?overdue=true"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("query").asString()).isEqualTo("overdue=true");

        follow(browser.postForm("/incidents/views/" + viewId + "/delete", Map.of("_csrf", csrf("/incidents"))));
        assertThat(as(analyst).get("/api/v1/incident-views").json()).isEmpty();
        assertThat(auditActions("saved-view", viewId)).containsExactly("CREATE", "DELETE");
    }

    @Test
    void myTasksListsTheCallersOpenTasks() {
        long id = open(IncidentBuilder.create().titled("Tasks " + suffix).build());
        admin.postJson("/api/v1/incidents/" + id + "/tasks", Map.of("title", "Call the ISP " + suffix,
                "assigneeId", analyst.id(), "dueAt", Instant.now().minus(1, ChronoUnit.HOURS).toString()));
        admin.postJson("/api/v1/incidents/" + id + "/tasks", Map.of("title", "Someone else's " + suffix));

        String tasks = page("/incidents/my-tasks");

        assertThat(tasks).contains("Call the ISP " + suffix, "Tasks " + suffix, "overdue")
                .doesNotContain("Someone else's " + suffix);
    }

    // ------------------------------------------------------------------ the incident page

    @Test
    void newIncidentFormShowsFieldMessagesWithTheTypedInput() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", csrf("/incidents/new"));
        form.put("title", " ");
        form.put("classificationType", "alien-invasion");
        form.put("tags", "typed-tag, second");
        form.put("customFields", "no separator here");
        form.put("tlp", "AMBER");

        Response invalid = browser.postForm("/incidents", form);

        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("form-errors", "customFields-error", "value=\"typed-tag, second\"")
                .contains("write one field a line as name = value", ">no separator here</textarea>");
        form.put("customFields", "ticket = INC-" + suffix);
        assertThat(browser.postForm("/incidents", form).body()).contains("title-error", "classificationType-error",
                "alien-invasion");
        form.put("severity", "APOCALYPTIC");
        assertThat(browser.postForm("/incidents", form).body()).contains("severity-error", "APOCALYPTIC");

        form.put("title", "Typed " + suffix);
        form.put("classificationType", "ddos");
        form.put("severity", "CRITICAL");
        Response created = browser.postForm("/incidents", form);
        assertThat(created.status()).isEqualTo(302);
        String incident = follow(created);
        assertThat(incident).contains("Typed " + suffix, "Incident opened.", "Critical", "INC-" + suffix,
                "typed-tag");
    }

    @Test
    void everyTabAndPageRendersInEnglishAndFrenchWithoutMissingMessages() {
        long organisation = createOrganisation("Tabs Org " + suffix);
        long id = open(IncidentBuilder.create().titled("Tabs " + suffix).affecting(organisation).tags("tabs")
                .build());
        long other = open(IncidentBuilder.create().titled("Other tabs " + suffix).build());
        admin.postJson("/api/v1/incidents/" + id + "/observables", Map.of("type", "DOMAIN", "value",
                "tabs-" + suffix + ".example"));
        admin.postJson("/api/v1/incidents/" + id + "/tasks", Map.of("title", "A task", "assigneeId", analyst.id()));
        admin.postJson("/api/v1/incidents/" + id + "/timeline", Map.of("body", "It started"));
        admin.postJson("/api/v1/incidents/" + id + "/comments", Map.of("body", "A comment"));
        admin.postJson("/api/v1/incidents/" + id + "/links", Map.of("toId", other, "kind", "PARENT"));
        long reportId = report("Tabs report " + suffix, "body");
        List<String> paths = new ArrayList<>(List.of("/reports", "/reports?state=", "/reports/" + reportId,
                "/incidents", "/incidents/new", "/incidents/my-tasks", "/incidents?overdue=true",
                "/incidents/" + other + "?tab=links"));
        IncidentPage.TABS.forEach(tab -> paths.add("/incidents/" + id + "?tab=" + tab));
        for (String language : List.of("en", "fr")) {
            for (String path : paths) {
                Response page = browser.get(path + (path.contains("?") ? "&" : "?") + "lang=" + language);
                assertThat(page.status()).as(path + " in " + language).isEqualTo(200);
                assertThat(page.body()).as(path + " in " + language).contains("lang=\"" + language + "\"")
                        .doesNotContainPattern(MISSING_MESSAGE);
            }
        }
        String tabs = browser.get("/incidents/" + id + "?tab=links&lang=en", Map.of("HX-Request", "true")).body();
        assertThat(tabs).startsWith("<div id=\"tabs\"").contains("parent of", "Other tabs " + suffix)
                .doesNotContain("<html");
    }

    @Test
    void observablesShowOwnerAndCorrelationAndCanBeMarkedAndRemoved() {
        long owner = createOrganisation("Owner " + suffix);
        admin.postJson("/api/v1/assets", Map.of("organisationId", owner, "kind", "DOMAIN", "value",
                "owner-" + suffix + ".example"));
        long id = open(IncidentBuilder.create().titled("C2 " + suffix).build());
        long earlier = open(IncidentBuilder.create().titled("Earlier C2 " + suffix).build());
        admin.postJson("/api/v1/incidents/" + earlier + "/observables", Map.of("type", "DOMAIN", "value",
                "c2.owner-" + suffix + ".example"));
        String tab = "/incidents/" + id + "?tab=observables";

        String invalid = follow(postFrom(tab, "/incidents/" + id + "/observables", Map.of("type", "IPV4",
                "value", "not-an-ip")));
        assertThat(invalid).contains("value-error", "value=\"not-an-ip\"");
        String added = follow(postFrom(tab, "/incidents/" + id + "/observables", Map.of("type", "DOMAIN",
                "value", "C2.Owner-" + suffix + ".example", "ioc", "true", "description", "beacon target")));
        assertThat(added).contains("Observable added.", "c2.owner-" + suffix + ".example", "Owner " + suffix,
                "#" + earlier + " Earlier C2 " + suffix, ">IOC<", "beacon target");
        String duplicate = follow(postFrom(tab, "/incidents/" + id + "/observables", Map.of("type", "DOMAIN",
                "value", "c2.owner-" + suffix + ".example")));
        assertThat(duplicate).contains("id=\"problem\"", "already has");

        JsonNode observable = admin.get("/api/v1/incidents/" + id + "/observables").json().get(0);
        long observableId = observable.get("id").asLong();
        follow(postFrom(tab, "/incidents/" + id + "/observables/" + observableId + "/ioc", Map.of("ioc", "false")));
        JsonNode unmarked = admin.get("/api/v1/incidents/" + id + "/observables").json().get(0);
        assertThat(unmarked.get("ioc").asBoolean()).isFalse();
        assertThat(unmarked.get("description").asString()).as("kept").isEqualTo("beacon target");

        String summary = page("/incidents/" + id);
        assertThat(summary).contains("id=\"proposed\"", "add-organisation-" + owner);
        follow(postFrom("/incidents/" + id, "/incidents/" + id + "/organisations", Map.of("organisationId",
                String.valueOf(owner))));
        assertThat(admin.get("/api/v1/incidents/" + id).json().get("organisations").get(0).get("id").asLong())
                .isEqualTo(owner);

        assertThat(follow(postFrom(tab, "/incidents/" + id + "/observables/" + observableId + "/delete", Map.of())))
                .contains("Observable removed.");
        assertThat(admin.get("/api/v1/incidents/" + id + "/observables").json()).isEmpty();
    }

    @Test
    void tasksTimelineCommentsAttachmentsAndLinksAreAddedFromTheirTabs() {
        long id = open(IncidentBuilder.create().titled("Work " + suffix).build());
        long other = open(IncidentBuilder.create().titled("Related " + suffix).build());
        String base = "/incidents/" + id;

        assertThat(follow(postFrom(base + "?tab=tasks", base + "/tasks", Map.of("title", "Block the C2",
                "assigneeId", String.valueOf(analyst.id()), "dueAt", "2020-01-02T03:04")))).contains("Task added.",
                "Block the C2", "2020-01-02 03:04", "overdue-row");
        assertThat(follow(postFrom(base + "?tab=tasks", base + "/tasks", Map.of("title", "Bad date",
                "dueAt", "tomorrow")))).contains("dueAt-error", "value=\"tomorrow\"");
        long taskId = admin.get("/api/v1/incidents/" + id + "/tasks").json().get(0).get("id").asLong();
        follow(postFrom(base + "?tab=tasks", base + "/tasks/" + taskId, Map.of("status", "DONE")));
        JsonNode task = admin.get("/api/v1/incidents/" + id + "/tasks").json().get(0);
        assertThat(task.get("status").asString()).isEqualTo("DONE");
        assertThat(task.get("assigneeId").asLong()).as("kept").isEqualTo(analyst.id());

        assertThat(follow(postFrom(base + "?tab=timeline", base + "/timeline", Map.of("body", "First beacon seen",
                "occurredAt", "2026-03-01T08:15")))).contains("First beacon seen", "2026-03-01 08:15");
        assertThat(follow(postFrom(base + "?tab=timeline", base + "/timeline", Map.of("body", " "))))
                .contains("body-error");

        assertThat(follow(postFrom(base + "?tab=comments", base + "/comments", Map.of("body", "Told the ISP",
                "shared", "true")))).contains("Told the ISP", "visible to the constituent");
        follow(postFrom(base + "?tab=comments", base + "/comments", Map.of("body", "Between us")));
        JsonNode comments = admin.get("/api/v1/incidents/" + id + "/comments").json();
        assertThat(comments.valueStream().map(c -> c.get("internal").asBoolean()).toList())
                .containsExactlyInAnyOrder(false, true);

        Response uploaded = browser.postMultipart(base + "/attachments",
                Map.of("_csrf", csrf(base + "?tab=attachments")), "file", "pcap-" + suffix + ".bin",
                "binary evidence".getBytes(StandardCharsets.UTF_8));
        assertThat(follow(uploaded)).contains("File uploaded.", "pcap-" + suffix + ".bin");
        long attachmentId = admin.get("/api/v1/incidents/" + id + "/attachments").json().get(0).get("id").asLong();
        Response download = browser.get(base + "/attachments/" + attachmentId);
        assertThat(download.body()).isEqualTo("binary evidence");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");

        assertThat(follow(postFrom(base + "?tab=links", base + "/links", Map.of("kind", "RELATED", "toId",
                String.valueOf(other))))).contains("Link added.", "#" + other + " Related " + suffix);
        assertThat(follow(postFrom(base + "?tab=links", base + "/links", Map.of("kind", "RELATED", "toId",
                String.valueOf(id))))).contains("toId-error");
        long linkId = admin.get("/api/v1/incidents/" + id + "/links").json().get(0).get("id").asLong();
        assertThat(follow(postFrom(base + "?tab=links", base + "/links/" + linkId + "/delete", Map.of())))
                .contains("Link removed.");
        assertThat(admin.get("/api/v1/incidents/" + id + "/links").json()).isEmpty();
    }

    @Test
    void stateButtonsHandOffAndHistoryRecordWhoAndWhy() {
        long health = admin.postJson("/api/v1/sectors", Map.of("name", "Health " + suffix)).json().get("id")
                .asLong();
        Response created = admin.postJson("/api/v1/teams", Map.of("name", "Health CIRT " + suffix, "kind",
                "SECTORAL_CIRT", "country", "XC", "sectorId", health));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long team = created.json().get("id").asLong();
        long id = open(IncidentBuilder.create().titled("States " + suffix).build());
        String base = "/incidents/" + id;

        assertThat(page(base)).contains("id=\"to-IN_PROGRESS\"", "id=\"to-RESOLVED\"").doesNotContain("to-CLOSED");
        follow(postFrom(base, base + "/transition", Map.of("state", "IN_PROGRESS")));
        follow(postFrom(base, base + "/hand-off", Map.of("teamId", String.valueOf(team), "reason",
                "hospital network")));
        assertThat(follow(postFrom(base, base + "/hand-off", Map.of("reason", "nowhere")))).contains("teamId-error");
        follow(postFrom(base, base + "/transition", Map.of("state", "RESOLVED", "reason", "patched")));
        String resolved = follow(postFrom(base, base + "/transition", Map.of("state", "CLOSED")));
        assertThat(resolved).contains("State changed.", "Closed", "Reopen");

        String reopen = follow(postFrom(base, base + "/transition", Map.of("state", "IN_PROGRESS")));
        assertThat(reopen).contains("reason-error", "a reopen needs a reason");
        String conflict = follow(postFrom(base, base + "/transition", Map.of("state", "RESOLVED")));
        assertThat(conflict).contains("id=\"problem\"", "cannot go from CLOSED to RESOLVED");

        String history = page(base + "?tab=history");
        assertThat(history).contains("patched", analyst.username(), "TRANSITION", "Resolved", "Closed",
                "<code>handlingTeamName</code>", "Health CIRT " + suffix);
        assertThat(page(base + "?tab=timeline")).contains("Health CIRT " + suffix + ": hospital network");
        assertThat(admin.get("/api/v1/incidents/" + id).json().get("handlingTeamName").asString())
                .isEqualTo("Health CIRT " + suffix);
    }

    @Test
    void mergeLeadsToTheRemainingIncident() {
        long duplicate = open(IncidentBuilder.create().titled("Dup " + suffix).build());
        long target = open(IncidentBuilder.create().titled("Main " + suffix).build());

        Response merged = postFrom("/incidents/" + duplicate + "?tab=links", "/incidents/" + duplicate + "/merge",
                Map.of("intoId", String.valueOf(target)));

        assertThat(merged.header("Location")).endsWith("/incidents/" + target);
        assertThat(follow(merged)).contains("Incident merged into this one.", "Main " + suffix);
        assertThat(page("/incidents/" + duplicate)).contains("merged into #" + target);
    }

    // ------------------------------------------------------------------ who may do what

    @Test
    void formPostWithoutCsrfTokenIsRefused() {
        long id = open(IncidentBuilder.create().build());

        assertThat(browser.postForm("/incidents/" + id + "/comments", Map.of("body", "forged")).status())
                .isEqualTo(403);
        assertThat(admin.get("/api/v1/incidents/" + id + "/comments").json()).isEmpty();
    }

    @Test
    void constituentsAreKeptOffAndAuditorsOnlyRead() {
        long organisation = createOrganisation("Member org " + suffix);
        long id = open(IncidentBuilder.create().titled("Theirs " + suffix).affecting(organisation).build());
        long reportId = report("Queue " + suffix, "body");
        TestHttpClient constituent = loggedIn(createConstituent(organisation));
        for (String path : List.of("/reports", "/reports/" + reportId, "/incidents", "/incidents/new",
                "/incidents/" + id, "/incidents/my-tasks", "/incidents/export")) {
            assertThat(constituent.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(constituent.get("/").body()).doesNotContain("href=\"/incidents\"", "href=\"/reports\"");

        TestHttpClient auditor = loggedIn(createUser(Role.AUDITOR));
        String page = auditor.get("/incidents/" + id + "?tab=observables").body();
        assertThat(page).contains("Theirs " + suffix).doesNotContain("state-form", "observable-form");
        assertThat(auditor.get("/").body()).contains("href=\"/incidents\"", "href=\"/reports\"");
        assertThat(auditor.get("/incidents/new").status()).isEqualTo(403);
        assertThat(auditor.postForm("/incidents/" + id + "/comments", Map.of("_csrf",
                auditor.get("/incidents/" + id).csrfToken(), "body", "auditors do not comment")).status())
                .isEqualTo(403);
    }

    @Test
    void redIncidentIsNotFoundForAnAnalystWhoIsNotNamed() {
        TestUser named = createUser(Role.ANALYST);
        long id = open(IncidentBuilder.create().titled("Red " + suffix).tlp("RED").recipients(named.id()).build());

        assertThat(browser.get("/incidents/" + id).status()).isEqualTo(404);
        assertThat(page("/incidents?q=" + suffix)).doesNotContain("Red " + suffix);
        assertThat(loggedIn(named).get("/incidents/" + id).body()).contains("Red " + suffix, "TLP:RED");
    }

    // ------------------------------------------------------------------ helpers

    private String page(String path) {
        Response response = browser.get(path);
        assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
        return response.body();
    }

    private static String otherBrowserPage(TestHttpClient client, String path) {
        return client.get(path).body();
    }

    private String csrf(String pagePath) {
        return browser.get(pagePath).csrfToken();
    }

    /** Posts a form of the page at {@code pagePath} (with its CSRF token) as the logged-in analyst. */
    private Response postFrom(String pagePath, String action, Map<String, String> fields) {
        return browser.postFormFrom(pagePath, action, fields);
    }

    /** Follows a redirect as the browser does and answers the page it leads to. */
    private String follow(Response redirect) {
        assertThat(redirect.status()).as(redirect.toString()).isEqualTo(302);
        String location = redirect.header("Location").replaceFirst("^https?://[^/]+", "");
        return page(location);
    }

    private Response triage(List<Long> reportIds, String action, Map<String, String> fields) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("_csrf", csrf("/reports")));
        reportIds.forEach(id -> form.add(Map.entry("reportIds", String.valueOf(id))));
        form.add(Map.entry("action", action));
        fields.forEach((key, value) -> form.add(Map.entry(key, value)));
        return browser.postForm("/reports/triage", form);
    }

    private long report(String subject, String body) {
        Response response = admin.postJson("/api/v1/reports", Map.of("subject", subject, "body", body,
                "sourceRef", subject));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private long open(Map<String, Object> body) {
        Response response = admin.postJson("/api/v1/incidents", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

}
