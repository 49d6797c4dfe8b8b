package org.opencirt.incident.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.test.BrowserTestSupport;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An analyst's day with one incident in a real browser (Debian's headless Chromium): a visitor reports through the
 * public form, the report is triaged in the queue into an incident, which is classified, given an observable and a task, handed to a
 * sectoral CIRT, resolved and closed; its history shows what happened.
 */
@IntegrationTest
class IncidentBrowserIntegrationTests extends BrowserTestSupport {

    @Test
    void publicReportIsTriagedIntoAnIncidentThatIsWorkedAndClosed() {
        String suffix = Long.toString(System.nanoTime(), 36);
        TestHttpClient admin = asAdmin();
        long sector = admin.postJson("/api/v1/sectors", Map.of("name", "Water " + suffix)).json().get("id").asLong();
        Response team = admin.postJson("/api/v1/teams", Map.of("name", "Water CIRT " + suffix, "kind",
                "SECTORAL_CIRT", "country", "XC", "sectorId", sector));
        assertThat(team.status()).as(team.body()).isEqualTo(201);
        open("/report");
        waitFor(By.id("name")).sendKeys("Grace Visitor");
        browser.findElement(By.id("email")).sendKeys("grace@example.org");
        browser.findElement(By.id("subject")).sendKeys("Pump controller exposed " + suffix);
        browser.findElement(By.id("description")).sendKeys("Port 502 answers from the internet");
        browser.findElement(By.cssSelector("#report-form button[type=submit]")).click();
        String code = waitFor(By.id("tracking-code")).getText();
        Response queued = admin.get("/api/v1/reports?q=" + suffix);
        assertThat(queued.json().get("total").asLong()).as(queued.body()).isEqualTo(1);
        assertThat(queued.json().get("items").get(0).get("trackingCode").asString()).isEqualTo(code);
        long reportId = queued.json().get("items").get(0).get("id").asLong();
        TestUser analyst = createUser(Role.ANALYST);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        logIn(analyst.username(), analyst.password());

        browser.findElement(By.linkText("Reports")).click();
        waitFor(By.id("check-" + reportId)).click();
        screenshot("incident-reports-queue");
        browser.findElement(By.id("triage-accept")).click();
        wait.until(ExpectedConditions.textToBe(By.id("incident-title"), "Pump controller exposed " + suffix));
        assertThat(browser.findElement(By.className("notice")).getText())
                .isEqualTo("Reports accepted into this new incident.");

        new Select(browser.findElement(By.id("classificationType"))).selectByValue("vulnerable-system");
        new Select(browser.findElement(By.id("severity"))).selectByValue("HIGH");
        browser.findElement(By.cssSelector("#incident-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("classification"), "Vulnerable System"));
        assertThat(browser.findElement(By.id("incident-badges")).getText()).contains("High");

        browser.findElement(By.id("tab-observables")).click();
        new Select(waitFor(By.id("observable-type"))).selectByValue("IPV4");
        browser.findElement(By.id("observable-value")).sendKeys("198.51.100.23");
        browser.findElement(By.id("observable-add")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("observables"), "198.51.100.23"));
        screenshot("incident-observables");

        browser.findElement(By.id("tab-tasks")).click();
        waitFor(By.id("title")).sendKeys("Ask the utility to close port 502");
        browser.findElement(By.id("task-add")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tasks"), "Ask the utility"));

        browser.findElement(By.id("tab-summary")).click();
        new Select(waitFor(By.id("teamId"))).selectByVisibleText("Water CIRT " + suffix);
        browser.findElement(By.id("hand-off-reason")).sendKeys("water sector");
        browser.findElement(By.id("hand-off-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("handling-team"), "Water CIRT " + suffix));
        screenshot("incident-summary");

        for (String state : List.of("IN_PROGRESS", "RESOLVED", "CLOSED")) {
            if (state.equals("RESOLVED")) {
                waitFor(By.id("state-reason")).sendKeys("port closed by the utility");
            }
            waitFor(By.id("to-" + state)).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "State changed."));
        }
        assertThat(browser.findElement(By.id("incident-badges")).getText()).contains("Closed");

        browser.findElement(By.id("tab-history")).click();
        String history = waitFor(By.id("state-changes")).getText();
        assertThat(history).contains("Resolved", "Closed", "port closed by the utility", analyst.username());
        assertThat(browser.findElement(By.id("audit-entries")).getText())
                .contains("handlingTeamName", "Water CIRT " + suffix, "classificationType", "vulnerable-system");
        assertThat(browser.getCurrentUrl()).endsWith("tab=history");
        screenshot("incident-history");
        browser.findElement(By.linkText("Incidents")).click();
        waitFor(By.id("incidents"));
        screenshot("incident-list");

        browser.manage().deleteAllCookies();
        open("/report/status?code=" + code);
        assertThat(waitFor(By.id("report-status")).getText()).contains(code).doesNotContain("Port 502");
    }
}
