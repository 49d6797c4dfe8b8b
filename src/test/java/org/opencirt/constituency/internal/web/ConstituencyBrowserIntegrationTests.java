package org.opencirt.constituency.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationKind;
import org.opencirt.constituency.OrganisationService;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The duty officer's path in a real browser (Debian's headless Chromium): log in, register a sector and an
 * organisation through the forms, add its network on its page, and find it again with the lookup box. Skipped
 * where Chromium is not installed, except on CI, where a missing browser is a failure.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ui-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "opencirt.demo-data=false",
        "opencirt.admin-password=" + ConstituencyBrowserIntegrationTests.ADMIN_PASSWORD})
class ConstituencyBrowserIntegrationTests {

    static final String ADMIN_PASSWORD = "ui-pages-admin-password";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    private static ChromeDriverService service;
    private static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    OrganisationService organisations;

    private WebDriverWait wait;

    @BeforeAll
    static void startBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("CI runs the browser tests: apt-get install -y -qq chromium chromium-driver");
        }
        assumeTrue(installed, "Chromium and chromedriver are not installed; browser test skipped");
        // The driver is given explicitly, so Selenium Manager never tries to download one.
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @BeforeEach
    void logIn() {
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.manage().deleteAllCookies();
        open("/login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));
    }

    @Test
    void organisationCreatedThroughTheFormsIsFoundByTheLookup() {
        open("/constituency/sectors/new");
        browser.findElement(By.id("name")).sendKeys("Browser Energy");
        browser.findElement(By.cssSelector("#sector-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Browser Energy"));

        open("/constituency/organisations/new");
        browser.findElement(By.id("name")).sendKeys("Browser Bank");
        new Select(browser.findElement(By.id("kind"))).selectByValue("INDUSTRY");
        new Select(browser.findElement(By.id("sectorId"))).selectByVisibleText("Browser Energy");
        browser.findElement(By.id("country")).sendKeys("XC");
        browser.findElement(By.cssSelector("#organisation-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Browser Bank"));
        String organisationPage = browser.getCurrentUrl();

        open("/constituency/organisations");
        browser.findElement(By.id("q")).sendKeys("no such organisation");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results"), "Nothing found."));
        browser.findElement(By.id("q")).clear();
        browser.findElement(By.id("q")).sendKeys("browser b");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results"), "Browser Bank"));
        screenshot("organisations");

        open(organisationPage.substring(organisationPage.indexOf("/constituency/")));

        addAsset("198.51.100.0/24");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#assets table"),
                "198.51.100.0/24"));
        assertThat(browser.getCurrentUrl()).as("added in place by htmx").isEqualTo(organisationPage);
        screenshot("organisation");

        open("/constituency/lookup");
        browser.findElement(By.id("q")).sendKeys("198.51.100.77", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("owner"), "Browser Bank"));
        assertThat(browser.findElement(By.id("owner")).getText()).contains("198.51.100.0/24");
        screenshot("lookup");
    }

    @Test
    void malformedRangeIsRefusedWithItsFieldMessage() {
        Organisation organisation = organisations.create(new Organisation.Input("Browser Host Bits", null, null,
                "XC", OrganisationKind.OTHER, null, null, null));
        open("/constituency/organisations/" + organisation.id());

        addAsset("198.51.100.1/24");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#assets .field-error"),
                "198.51.100.1/24 has host bits set; did you mean 198.51.100.0/24?"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Browser Host Bits");
        assertThat(browser.findElement(By.id("asset-value")).getAttribute("value")).isEqualTo("198.51.100.1/24");
        screenshot("asset-error");
    }

    private void addAsset(String cidr) {
        new Select(browser.findElement(By.id("asset-kind"))).selectByValue("CIDR");
        browser.findElement(By.id("asset-value")).sendKeys(cidr);
        browser.findElement(By.cssSelector("#asset-form button[type=submit]")).click();
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    /** Keeps a picture of the page in target/ for whoever reviews the change or a failure. */
    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
