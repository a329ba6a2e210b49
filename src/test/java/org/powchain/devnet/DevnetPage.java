package org.powchain.devnet;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.powchain.api.HeadlessChromium;

/** The devnet page in headless Chromium, with the steps a teacher takes on it. */
final class DevnetPage implements AutoCloseable {
    private final WebDriver driver;
    private final WebDriverWait wait;

    private DevnetPage(WebDriver driver) {
        this.driver = driver;
        this.wait = HeadlessChromium.waiting(driver, Duration.ofSeconds(120)); // a loaded host: nodes answer slowly
    }

    /** Opens the page; skips the test when Chromium is not installed. */
    static DevnetPage open(int controlPort) throws java.io.IOException {
        DevnetPage page = new DevnetPage(HeadlessChromium.start(new Dimension(1366, 900)));
        page.driver.get("http://127.0.0.1:" + controlPort + "/");
        page.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nodes tr.node[data-node='n4']")));
        return page;
    }

    void split(String groups) {
        WebElement input = driver.findElement(By.id("groups"));
        input.clear();
        input.sendKeys(groups);
        driver.findElement(By.id("split")).click();
    }

    void heal() {
        driver.findElement(By.id("heal")).click();
    }

    /** Fills the selfish-mining form (pool, share, γ, blocks) and presses its button. */
    void selfish(String pool, double share, double gamma, int blocks) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("pool"))).selectByVisibleText(pool);
        for (String[] field : new String[][] {{"pool-share", "" + share}, {"pool-gamma", "" + gamma}, {"pool-blocks", "" + blocks}}) {
            WebElement input = driver.findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        driver.findElement(By.id("selfish")).click();
    }

    /** Until the status line under the buttons says {@code text}; then all it says. */
    String awaitMessageContaining(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), text));
        return driver.findElement(By.id("message")).getText();
    }

    /** Until the timeline shows an entry containing {@code text}. */
    void awaitEventContaining(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), text));
    }

    void awaitSummaryContaining(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), text));
    }

    /** Until the tree draws {@code hash} labelled as {@code node}'s tip. */
    void awaitTreeShowingTipOf(String node, String hash) {
        wait.until(d -> d.findElements(By.cssSelector("#tree g.block[data-hash='" + hash + "']")).stream()
                .anyMatch(g -> ("," + g.getAttribute("data-tip-of") + ",").contains("," + node + ",")));
    }

    /**
     * Whether block {@code hash} is drawn inside the tree's visible box as the page left it, with
     * nobody scrolling: the page opens at the tips and follows them.
     */
    boolean inViewWithoutScrolling(String hash) {
        Object r = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const g = document.querySelector(`#tree g.block[data-hash='${arguments[0]}']`);"
                        + "if (!g) return false;"
                        + "const b = g.getBoundingClientRect(), box = document.getElementById('tree').getBoundingClientRect();"
                        + "return b.left >= box.left && b.right <= box.right;", hash);
        return Boolean.TRUE.equals(r);
    }

    /** Until the tree draws {@code hash} in view. */
    void awaitInView(String hash) {
        wait.until(d -> inViewWithoutScrolling(hash));
    }

    /** Whether the tree is wider than its box (so following the tips means something). */
    boolean treeOverflows() {
        return Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const t = document.getElementById('tree'); return t.scrollWidth > t.clientWidth;"));
    }

    /**
     * The network graph as the chart holds it (ECharts' own option): each node's colour, every link
     * drawn ({@code n0-n1}), and those drawn cut (dashed).
     */
    record Graph(java.util.Map<String, String> colourOf, java.util.Set<String> links, java.util.Set<String> cutLinks) { }

    @SuppressWarnings("unchecked")
    Graph graph() {
        java.util.Map<String, Object> r = (java.util.Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const c = echarts.getInstanceByDom(document.getElementById('graph'));"
                        + "if (!c) return {colour: {}, links: [], cut: []};"
                        + "const s = c.getOption().series[0], colour = {};"
                        + "s.data.forEach(d => colour[d.name] = d.itemStyle.color);"
                        + "return {colour, links: s.links.map(l => l.source + '-' + l.target), cut: s.links"
                        + ".filter(l => l.lineStyle.type === 'dashed').map(l => l.source + '-' + l.target)};");
        return new Graph((java.util.Map<String, String>) r.get("colour"),
                new java.util.TreeSet<>((java.util.List<String>) r.get("links")),
                new java.util.TreeSet<>((java.util.List<String>) r.get("cut")));
    }

    /** Until the graph satisfies {@code test} (it redraws on the page's next poll). */
    Graph awaitGraph(java.util.function.Predicate<Graph> test) {
        return wait.until(d -> {
            Graph g = graph();
            return test.test(g) ? g : null;
        });
    }

    void screenshot(String name) {
        HeadlessChromium.screenshot(driver, name);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
