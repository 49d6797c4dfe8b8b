package org.opencirt.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencirt.test.BrowserTestSupport;
import org.opencirt.test.IntegrationTest;
import org.openqa.selenium.By;

@IntegrationTest
class LoginBrowserIntegrationTests extends BrowserTestSupport {

    @Test
    void userLogsInSwitchesToFrenchAndLogsOut() {
        TestUser analyst = createUser(Role.ANALYST);

        logIn(analyst.username(), analyst.password());
        assertThat(browser.findElement(By.id("current-user")).getText()).isEqualTo(analyst.username());
        assertThat(browser.findElement(By.cssSelector("nav.mainnav")).getText()).contains("Home", "Organisations");

        browser.findElement(By.linkText("FR")).click();
        waitFor(By.cssSelector("html[lang=fr]"));
        assertThat(browser.findElement(By.cssSelector("nav.mainnav")).getText()).contains("Accueil", "Équipes");
        assertThat(browser.findElement(By.id("current-user")).getText()).isEqualTo(analyst.username());

        browser.findElement(By.cssSelector(".usernav form button")).click();
        waitFor(By.id("login-form"));
        assertThat(browser.getCurrentUrl()).endsWith("/login?logout");
        assertThat(browser.findElements(By.id("current-user"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#login-form .notice")).getText())
                .isEqualTo("Vous êtes déconnecté.");
    }

    @Test
    void wrongPasswordShowsAnErrorOnTheLoginPage() {
        TestUser analyst = createUser(Role.ANALYST);

        open("/login");
        waitFor(By.id("username")).sendKeys(analyst.username());
        browser.findElement(By.id("password")).sendKeys("wrong password");
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();

        assertThat(waitFor(By.cssSelector("#login-form .error")).getText()).contains("Wrong user name or password");
        assertThat(browser.findElements(By.id("current-user"))).isEmpty();
    }
}
