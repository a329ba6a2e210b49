package org.powchain.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A report.html as a reader opens it: from disk in Debian's headless Chromium, with no server.
 * Every chart must load (an {@code <img>} whose file is missing or not a PNG has naturalWidth 0)
 * and the page must log no errors.
 */
@Tag("browser")
class ReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Selenium warns that it has no DevTools binding for this Chromium; we use none. Held, so the level sticks. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    @TempDir
    Path tmp;

    @Test
    void everyChartLoadsFromFileWithNoConsoleErrors() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        // a report as a user makes it: a real (small) simulation run through the command line
        assertThat(org.powchain.cli.PowchainCommand.commandLine().execute("simulate", "double-spend", "--attacker-share", "0.3",
                "--confirmations", "2", "--trials", "30", "--out", tmp.toString())).isZero();
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
        // both named explicitly, so Selenium Manager never looks for (or downloads) a browser or driver
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(tmp.resolve("report.html").toUri().toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            wait.until(d -> ((JavascriptExecutor) d).executeScript(
                    "return Array.from(document.images).every(i => i.complete);"));

            assertThat(driver.getTitle()).isEqualTo("powchain simulate double-spend");
            List<WebElement> images = driver.findElements(By.tagName("img"));
            assertThat(images).extracting(i -> i.getAttribute("src"))
                    .containsExactly(tmp.resolve("success-vs-confirmations.png").toUri().toString());
            for (WebElement img : images) {
                Object naturalWidth = ((JavascriptExecutor) driver).executeScript("return arguments[0].naturalWidth;", img);
                assertThat(((Number) naturalWidth).intValue()).as(img.getAttribute("src")).isPositive();
                assertThat(img.getAttribute("alt")).isNotBlank();
            }
            assertThat(driver.findElements(By.cssSelector("#data a"))).extracting(WebElement::getText)
                    .containsExactly("double-spend.csv", "trials.csv"); // the points, and every trial (--out, issue 26)
            assertThat(driver.findElement(By.id("parameters")).getText()).contains("attacker share", "0.3");

            List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                    .map(Object::toString).toList();
            assertThat(errors).isEmpty();
        } finally {
            driver.quit();
        }
    }
}
