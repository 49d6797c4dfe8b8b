package org.opencirt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencirt.test.BrowserTestSupport;
import org.opencirt.test.IntegrationTest;
import org.openqa.selenium.By;

/** A visitor without an account reports an incident in the browser and follows it with the tracking code. */
@IntegrationTest
class PublicReportBrowserIntegrationTests extends BrowserTestSupport {

    @BeforeEach
    void forgetRateLimit() {
        jdbc.sql("delete from report_form_submission").update();
    }

    @Test
    void visitorReportsFromTheLoginPageAndFollowsTheReport() {
        open("/login");
        waitFor(By.id("report-link")).click();
        waitFor(By.id("report-form"));
        assertThat(browser.findElement(By.id("website")).isDisplayed()).isFalse();

        browser.findElement(By.id("name")).sendKeys("Grace Visitor");
        browser.findElement(By.id("email")).sendKeys("grace@example.org");
        browser.findElement(By.id("subject")).sendKeys("Defaced municipal web site");
        browser.findElement(By.id("description")).sendKeys("The home page shows a political banner.");
        browser.findElement(By.cssSelector("#report-form button[type=submit]")).click();

        String code = waitFor(By.id("tracking-code")).getText();
        assertThat(code).matches("R-[A-Z2-9]{5}-[A-Z2-9]{5}");
        browser.findElement(By.id("status-link")).click();
        assertThat(waitFor(By.id("state")).getText()).isEqualTo("Received, waiting to be looked at");
        assertThat(browser.findElement(By.id("report-status")).getText()).contains(code)
                .doesNotContain("Defaced");
    }
}
