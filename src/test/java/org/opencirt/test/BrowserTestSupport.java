package org.opencirt.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of browser tests: a headless Debian Chromium driven through {@code /usr/bin/chromedriver}, given to
 * Selenium explicitly so that Selenium Manager never downloads a browser or driver (builds may be offline).
 * Without Chromium the tests are skipped, except with {@code CI=true}, where they fail. Annotate subclasses with
 * {@link IntegrationTest}; a fresh browser (empty cookies) is started for every test.
 */
@ExtendWith(BrowserTestSupport.ChromiumInstalled.class)
public abstract class BrowserTestSupport extends IntegrationTestSupport {

    public static final File CHROMIUM = new File("/usr/bin/chromium");
    public static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    protected WebDriver browser;

    /** Skips browser tests without Debian's Chromium and its driver (fails them with CI=true). */
    public static class ChromiumInstalled extends MachineRequirement {
        @Override
        protected String missing() {
            return CHROMIUM.canExecute() && CHROMEDRIVER.canExecute() ? null
                    : "Chromium is not installed (apt-get install -y chromium chromium-driver)";
        }
    }

    @BeforeEach
    void startBrowser() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--lang=en");
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Opens a path of the application under test. */
    protected void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    /** Waits (up to 10 s) until the element is visible, then returns it. */
    protected WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Keeps a picture of the page in target/browser-screenshots for whoever reviews the change or a failure. */
    protected void screenshot(String name) {
        try {
            Path directory = Path.of("target", "browser-screenshots");
            Files.createDirectories(directory);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs in through the login form and waits for the start page. */
    protected void logIn(String username, String password) {
        open("/login");
        waitFor(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        waitFor(By.id("current-user"));
    }
}
