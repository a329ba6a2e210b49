package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.powchain.consensus.UtxoLedger;
import org.powchain.node.NodeConfig;

/**
 * The explorer of a UTXO node in a real browser (headless Chromium): a block's transaction opens to
 * its inputs and outputs, an input is followed to the output it spends (which says it is spent, and
 * by whom, and which transaction made it), and an output the next block spends shows it. Screenshots
 * under {@code target/screenshots/}.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UtxoExplorerBrowserTest {
    TestNode n;
    WebDriver driver;
    WebDriverWait wait;
    String txId;
    String txid;

    @BeforeAll
    void start() throws IOException {
        driver = HeadlessChromium.start(new Dimension(1366, 900));
        NodeConfig config = NodeConfig.forTests("tutor");
        n = new TestNode(config.withParams(config.params().withLedger(UtxoLedger.INSTANCE)));
        wait = HeadlessChromium.waiting(driver, Duration.ofSeconds(20));
        TestNode.Reply tx = n.get("/addtx?sender=A&to=B&amount=100");
        txId = tx.json().get("id").asText();
        txid = tx.json().get("txid").asText();
        n.get("/mine");
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (n != null) {
            n.close();
        }
    }

    @Test
    @Order(1)
    void aTransactionOpensToItsInputsAndOutputs() {
        driver.get(n.baseUrl() + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#blocks tr.block[data-height='1']")));
        click(By.cssSelector("#blocks tr.block[data-height='1']"));
        click(By.cssSelector("#blockdetail a[data-utxo='" + txId + "']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("utxo-outputs")));
        assertThat(text(By.id("utxo-inputs"))).contains(UtxoTourTest.A_COIN.substring(0, 10)).contains("1000").contains("A");
        String outputs = text(By.id("utxo-outputs"));
        assertThat(outputs).contains("B").contains("100").contains("900").contains("unspent");
        assertThat(text(By.id("txdetail"))).contains("fee 0");
        HeadlessChromium.screenshot(driver, "utxo-01-inputs-and-outputs");
    }

    @Test
    @Order(2)
    void anInputIsFollowedToTheOutputItSpends() {
        click(By.cssSelector("#utxo-inputs a[data-outpoint='" + UtxoTourTest.A_COIN + "']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outpoint-fields")));
        String output = text(By.id("outpoint-fields"));
        assertThat(output).contains("1000").contains("A").contains("spent").contains("by " + txId.substring(0, 10))
                .contains("in block 0");
        HeadlessChromium.screenshot(driver, "utxo-02-the-output-an-input-spends");
        // from the output, to the transaction that made it: A's genesis allocation, a coinbase
        click(By.cssSelector("#outpoint-fields a[data-utxo]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("txdetail"), "A coinbase"));
        assertThat(text(By.id("utxo-outputs"))).contains("spent by " + txId.substring(0, 10));
    }

    @Test
    @Order(3)
    void anOutputSpentByALaterBlockShowsItWhenTheBlockIsDrawnAgain() {
        click(By.cssSelector("#blockdetail a[data-utxo='" + txId + "']")); // block 1 is still open
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("txdetail"), txId.substring(0, 10)));
        String child = n.get("/addtx?sender=A&to=C&amount=850").json().get("id").asText(); // spends the change
        n.get("/mine");
        By change = By.cssSelector("#utxo-outputs tr[data-outpoint='" + txid + ":1'] .status");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(change, "spent by"));
        assertThat(text(change)).contains("by " + child.substring(0, 10)).contains("height 2");
        HeadlessChromium.screenshot(driver, "utxo-03-change-spent-by-the-next-block");
        // the account panel lists A's unspent outputs
        driver.findElement(By.cssSelector("#accountform input[name=account]")).clear();
        driver.findElement(By.cssSelector("#accountform input[name=account]")).sendKeys("A");
        driver.findElement(By.cssSelector("#accountform button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account-utxos")));
        assertThat(text(By.id("account"))).contains("50 coins in 1 unspent output");
    }

    private void click(By by) {
        wait.until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private String text(By by) {
        return wait.until(d -> d.findElement(by).getText());
    }
}
