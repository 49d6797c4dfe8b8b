package org.opencirt.pipeline.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencirt.audit.AuditChannel;
import org.opencirt.identity.NewUser;
import org.opencirt.identity.Role;
import org.opencirt.pipeline.PipelineStoreFlow;
import org.opencirt.pipeline.PipelineStoreFlow.Constituency;
import org.opencirt.test.BrowserTestSupport;
import org.opencirt.test.IntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The event pages in a real browser: an analyst uploads a Shadowserver report on the feed's page, watches the
 * input finish (the page refreshes itself) and finds the events; the organisation's portal user sees its own events
 * and nobody else's.
 */
@IntegrationTest
class PipelineBrowserIntegrationTests extends BrowserTestSupport {

    @Test
    void analystUploadsAReportAndSeesItsEvents() throws Exception {
        Constituency c = PipelineStoreFlow.constituency(asAdmin());
        long feedId = PipelineStoreFlow.createFeed(asAdmin(), "AMBER");
        Path report = Files.createTempFile("2026-11-24-scan_rdp-", ".csv");
        Files.writeString(report, PipelineStoreFlow.snapshot(c, "b" + UUID.randomUUID().toString().substring(0, 6)));
        TestUser analyst = createUser(Role.ANALYST);
        logIn(analyst.username(), analyst.password());

        open("/pipeline/feeds");
        waitFor(By.cssSelector("a[href='/pipeline/feeds/" + feedId + "']")).click();
        waitFor(By.id("file")).sendKeys(report.toAbsolutePath().toString());
        browser.findElement(By.id("upload-button")).click();

        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBe(By.id("input-events"), "5"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("File received");
        assertThat(browser.findElement(By.id("input-quarantined")).getText()).isEqualTo("2");
        assertThat(browser.findElements(By.cssSelector("#quarantine-lines tbody tr"))).hasSize(2);

        browser.findElement(By.linkText("show the feed's events")).click();
        assertThat(sources()).containsExactlyInAnyOrder(c.bankPrefix() + "5", c.bankPrefix() + "6",
                c.ispPrefix() + "7", "192.0.2.8", "192.0.2.9");
        WebElement organisation = waitFor(By.id("organisationId"));
        new Select(organisation).selectByValue(Long.toString(c.isp()));
        browser.findElement(By.id("search-events")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.id("event-total"), "1 event"));
        assertThat(sources()).containsExactly(c.ispPrefix() + "7");
        assertThat(browser.findElement(By.id("export-csv")).getAttribute("href"))
                .contains("/api/v1/events/export?format=csv", "organisationId=" + c.isp());
    }

    @Test
    void constituentSeesOnlyItsOwnOrganisationsEvents() {
        Constituency c = PipelineStoreFlow.constituency(asAdmin());
        long feedId = PipelineStoreFlow.createFeed(asAdmin(), "AMBER");
        assertThat(asAdmin().post("/api/v1/feeds/" + feedId + "/inputs?wait=true&fileName=own.csv", "text/csv",
                PipelineStoreFlow.snapshot(c, "o" + UUID.randomUUID().toString().substring(0, 6))).status())
                .isEqualTo(201);
        String username = "portal-" + UUID.randomUUID().toString().substring(0, 8);
        AuditChannel.callAs(AuditChannel.SYSTEM, () -> userService.create(new NewUser(username, "Portal user", null,
                Role.CONSTITUENT, c.isp(), "Portal-Password-1", true, null)));
        logIn(username, "Portal-Password-1");

        waitFor(By.linkText("Events")).click();

        assertThat(sources()).containsExactly(c.ispPrefix() + "7");
        assertThat(browser.findElements(By.id("organisationId"))).isEmpty();
        assertThat(browser.findElements(By.linkText("Feeds"))).isEmpty();
        open("/pipeline/events?organisationId=" + c.bank());
        assertThat(browser.getPageSource()).doesNotContain(c.bankPrefix());
    }

    private List<String> sources() {
        waitFor(By.id("events"));
        return browser.findElements(By.cssSelector("#events code.source")).stream().map(WebElement::getText)
                .toList();
    }
}
