package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.powchain.chain.ChainBuilder;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;

/**
 * The explorer in a real browser (Debian's headless Chromium), following the page's own tour
 * step by step in one browser session: the page loads with genesis, a transaction sent from the
 * form appears in the mempool, Mine shows a new block without a reload, a block opens to its
 * header bytes, and a reorg moves the tip in the tree. Each step saves a screenshot under
 * {@code target/screenshots/}, at laptop and phone widths.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerBrowserTest {
    private static final Dimension LAPTOP = new Dimension(1366, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

    TestNode n;
    WebDriver driver;
    WebDriverWait wait;

    @BeforeAll
    void start() throws IOException {
        driver = HeadlessChromium.start(LAPTOP);
        n = TestNode.start("tutor");
        // the page re-renders on every event: an element found a moment ago may be replaced, so read again
        wait = HeadlessChromium.waiting(driver, Duration.ofSeconds(20));
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
    void thePageLoadsWithGenesisAndGoesLive() {
        driver.get(n.baseUrl() + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#blocks tr.block[data-height='0']")));
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        assertThat(text(By.id("s-height"))).isEqualTo("0");
        assertThat(driver.findElements(By.cssSelector("#tree .node.tip"))).hasSize(1);
        // marks this page load: a reload would lose it
        js("window.sameLoad = true;");
        shot("01-genesis-laptop");
    }

    @Test
    @Order(2)
    void aTransactionSentFromTheFormShowsInTheMempool() {
        fill("#txform input[name=sender]", "A");
        fill("#txform input[name=to]", "B");
        fill("#txform input[name=amount]", "100");
        driver.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("txresult"), "accepted"));
        wait.until(d -> d.findElements(By.cssSelector("#mempool tbody tr")).size() == 1);
        String row = text(By.cssSelector("#mempool tbody tr"));
        assertThat(row).contains("A").contains("B").contains("100");
        String txId = n.get("/api/v1/mempool").json().get("transactions").get(0).get("id").asText();
        assertThat(attr(By.cssSelector("#mempool tbody tr"), "data-id")).isEqualTo(txId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "tx"));
        shot("02-tx-in-mempool-laptop");
    }

    @Test
    @Order(3)
    void mineShowsTheNewBlockWithoutAReload() {
        driver.findElement(By.id("mine")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#blocks tr.block[data-height='1']")));
        wait.until(d -> d.findElements(By.cssSelector("#mempool tbody tr")).isEmpty());
        wait.until(ExpectedConditions.textToBe(By.id("s-height"), "1"));
        assertThat(js("return window.sameLoad === true;")).isEqualTo(true);
        String hash = n.get("/api/v1/blocks/1").json().get("hash").asText();
        assertThat(attr(By.cssSelector("#blocks tr.block[data-height='1']"), "data-hash")).isEqualTo(hash);
        wait.until(d -> hash.equals(d.findElement(By.cssSelector("#tree .node.tip")).getAttribute("data-hash")));
        shot("03-mined-laptop");
    }

    @Test
    @Order(4)
    void aBlockOpensToItsHeaderBytes() {
        click(By.cssSelector("#blocks tr.block[data-height='1']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("headerbytes")));
        String headerHex = n.get("/api/v1/blocks/1").json().get("headerHex").asText();
        assertThat(text(By.id("headerbytes")).replaceAll("\\s", "")).isEqualTo(headerHex).hasSize(176);
        List<String> fields = wait.until(d -> d.findElements(By.cssSelector("#headerbytes span")).stream()
                .map(f -> f.getAttribute("class")).toList());
        assertThat(fields).containsExactly("f-version", "f-previousHash", "f-merkleRoot", "f-timestamp", "f-bits", "f-nonce");
        String detail = text(By.id("blockdetail"));
        assertThat(detail).contains("✓ it does").contains("✓ matches").contains("✓ verified");
        scrollTo("detail-card");
        shot("04-block-header-bytes-laptop");

        // a transaction's Merkle proof, folded in the browser up to the header's root (the SPV check)
        String txId = n.get("/api/v1/blocks/1").json().get("transactions").get(1).get("id").asText();
        click(By.cssSelector("#blockdetail a[data-tx='" + txId + "']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("proofresult"), "✓ the root in the header"));
        assertThat(text(By.id("txproof"))).contains("recomputed here in your browser").contains("✓ proof of work");
        assertThat(driver.findElements(By.cssSelector("#proofsteps tbody tr, #proofsteps tr:not(:first-child)"))).isNotEmpty();
        js("document.getElementById('txproof').scrollIntoView();");
        shot("04b-merkle-proof-laptop");
    }

    @Test
    @Order(5)
    void anAccountShowsTheCoinsItReceived() {
        fill("#accountform input[name=account]", "B");
        driver.findElement(By.cssSelector("#accountform button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("balance"), "1100 coins"));
        assertThat(text(By.id("account"))).contains("Recent transactions");
    }

    @Test
    @Order(6)
    void aReorgMovesTheTipInTheTreeAndAnOrphanWaitsBesideIt() throws RuleViolation {
        ChainBuilder builder = new ChainBuilder();
        List<Block> fork = builder.extend(builder.genesis(), 4);
        n.node().chain().process(fork.get(0));
        n.node().chain().process(fork.get(1)); // now more work than our one block: a reorg
        assertThatThrownBy(() -> n.node().chain().process(fork.get(3))) // its parent never came: an orphan
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.rule().code()).isEqualTo("unknown-parent"));
        String newTip = fork.get(1).hash().toHex();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reorg")));
        wait.until(d -> newTip.equals(d.findElement(By.cssSelector("#tree .node.tip")).getAttribute("data-hash")));
        assertThat(driver.findElements(By.cssSelector("#tree .node.side"))).hasSize(1);
        wait.until(d -> d.findElements(By.cssSelector("#tree .node.orphan")).size() == 1);
        assertThat(text(By.id("reorg"))).contains("1 block left the main chain");
        // the open block (our block 1) is now on a side branch, and the page says so without a reload
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("blockdetail"), "side branch"));
        scrollTo("tree-card");
        shot("05-reorg-laptop");
    }

    @Test
    @Order(7)
    void thePageFitsAPhone() {
        driver.manage().window().setSize(PHONE);
        assertThat(driver.getCurrentUrl()).contains("#block="); // the open block is in the address: a link to it
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("headerbytes")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#blocks tr.block[data-height='2']")));
        // nothing wider than the screen except the boxes meant to scroll sideways (the tree, long hashes)
        Object pageWidth = js("return document.documentElement.scrollWidth;");
        assertThat(((Number) pageWidth).intValue()).isLessThanOrEqualTo(PHONE.width);
        js("window.scrollTo(0, 0);");
        shot("06-phone-top");
        scrollTo("mempool-card");
        shot("07-phone-mempool-and-tree");
        click(By.cssSelector("#blocks tr.block[data-height='1']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("headerbytes")));
        scrollTo("detail-card");
        shot("08-phone-block-detail");
        driver.manage().window().setSize(LAPTOP);
    }

    @Test
    @Order(8)
    void peersShowTheirState() {
        n.get("/addpeer?peer=127.0.0.1:1"); // nobody listens there: dialling fails, the peer backs off
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("peers"), "backing-off"));
        assertThat(text(By.id("peers"))).contains("127.0.0.1:1");
        scrollTo("side-card");
        shot("09-peers-and-events-laptop");
    }

    @Test
    @Order(9)
    void noScriptErrorsOnTheWay() {
        List<String> errors = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(Object::toString).toList();
        assertThat(errors).isEmpty();
    }

    /** Clicks what {@code by} finds, finding it again if the page re-rendered it meanwhile. */
    private void click(By by) {
        wait.until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private String text(By by) {
        return wait.until(d -> d.findElement(by).getText());
    }

    private String attr(By by, String name) {
        return wait.until(d -> d.findElement(by).getAttribute(name));
    }

    private void fill(String css, String text) {
        WebElement input = driver.findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(text);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private void scrollTo(String id) {
        js("document.getElementById('" + id + "').scrollIntoView();");
    }

    private void shot(String name) {
        HeadlessChromium.screenshot(driver, name);
    }
}
