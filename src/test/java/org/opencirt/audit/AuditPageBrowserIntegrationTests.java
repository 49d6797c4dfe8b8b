package org.opencirt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.test.BrowserTestSupport;
import org.opencirt.test.IntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class AuditPageBrowserIntegrationTests extends BrowserTestSupport {

    @Autowired
    AuditLog audit;

    @Test
    void auditorVerifiesTheChainInPlaceAndOpensAnEntry() {
        AuditEntry entry = audit.record("UPDATE", "test", "browser", "renamed", Map.of("name", "old"),
                Map.of("name", "new"));
        TestUser auditor = createUser(Role.AUDITOR);
        logIn(auditor.username(), auditor.password());
        open("/audit?entityType=test&entityId=browser");

        waitFor(By.id("verify-chain")).click();
        assertThat(waitFor(By.cssSelector("#verification .notice")).getText()).startsWith("Chain intact");
        assertThat(browser.getCurrentUrl()).as("htmx swapped the result in place").doesNotContain("/verify");

        WebElement row = browser.findElement(By.id("audit-" + entry.seq()));
        assertThat(row.findElement(By.cssSelector("pre")).isDisplayed()).isFalse();
        row.findElement(By.tagName("summary")).click();
        assertThat(row.findElements(By.cssSelector("pre")).get(1).getText()).contains("\"name\" : \"new\"");
    }
}
