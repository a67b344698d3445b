package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium (Debian's chromium and chromium-driver): query by example, mark, refine
 * through a feedback session (SVM ranking and suggestions to mark next), filters on an upload's refinement,
 * and the evaluation page; failing or slow API calls are simulated by wrapping the page's fetch. Skipped where the browser is not installed; screenshots go to target/.
 */
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static DeqServer server;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need /usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y chromium chromium-driver)");
        server = DeqServer.start(TestIndex.index(), ServerConfig.local(0));
        profile = TestIndex.scratch("deq-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        // a condition reading a list the page re-renders meanwhile (a loaded slow machine) asks again
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static List<String> cardIds() {
        return browser.findElements(By.cssSelector("#grid .card")).stream().map(c -> c.getAttribute("data-id")).toList();
    }

    /** Waits until the grid shows a result list other than {@code previous} and returns its id. */
    private static String awaitResult(String previous) {
        waiting().until(d -> {
            String id = d.findElement(By.id("grid")).getAttribute("data-result-id");
            return id != null && !id.isEmpty() && !id.equals(previous) && !d.findElements(By.cssSelector("#grid .card .marks")).isEmpty();
        });
        return browser.findElement(By.id("grid")).getAttribute("data-result-id");
    }

    private static void screenshot(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** All thumbnails on screen have loaded as images. */
    private static void awaitThumbnails() {
        waiting().until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                "return Array.from(document.querySelectorAll('#grid img.thumb')).every(i => i.complete && i.naturalWidth > 0)"));
    }

    @Test
    void changeQueryFromThePairList() throws IOException {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#grid .card"), 10));
        browser.findElement(By.id("browse-pairs")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), TestIndex.PAIRS + " bi-temporal pairs"));
        List<WebElement> pairs = browser.findElements(By.cssSelector("#grid .card.pair"));
        assertThat(pairs).hasSize(TestIndex.PAIRS);
        assertThat(browser.getTitle()).isEqualTo("Pairs — Deep Earth Query");
        String before = pairs.get(2).getAttribute("data-before");
        String after = pairs.get(2).getAttribute("data-after");
        // a pair card shows both of its ids whole, wrapped rather than cut
        WebElement pairIds = pairs.get(2).findElement(By.className("id"));
        assertThat(pairIds.getText().replace("\n", " ")).isEqualTo(before + " → " + after);
        assertThat(((Number) ((ChromeDriver) browser).executeScript(
                "const e = arguments[0]; return Math.max(e.scrollHeight - e.clientHeight, e.scrollWidth - e.clientWidth)", pairIds))
                .doubleValue()).isLessThanOrEqualTo(0);
        pairs.get(2).findElement(By.cssSelector("img.thumb")).click();

        waiting().until(d -> ("change:" + before + ">" + after).equals(d.findElement(By.id("grid")).getAttribute("data-result-id")));
        assertThat(browser.findElement(By.id("status")).getText()).contains("changed pairs of " + TestIndex.PAIRS);
        assertThat(browser.getTitle()).isEqualTo("Changes like " + before + " → " + after + " — Deep Earth Query");
        // Back shows the pairs the query was started from, not the archive; Forward the query again
        browser.navigate().back();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), TestIndex.PAIRS + " bi-temporal pairs"));
        assertThat(browser.getCurrentUrl()).endsWith("/#pairs");
        browser.navigate().forward();
        waiting().until(d -> ("change:" + before + ">" + after).equals(d.findElement(By.id("grid")).getAttribute("data-result-id")));
        List<WebElement> hits = browser.findElements(By.cssSelector("#grid .card.pair"));
        assertThat(hits).hasSize(TestIndex.PAIRS - 1); // every other pair, the query pair left out
        assertThat(hits).noneMatch(h -> after.equals(h.getAttribute("data-after")));
        assertThat(browser.findElement(By.id("before-id")).getAttribute("value")).isEqualTo(before);
        assertThat(browser.findElements(By.cssSelector("#query-strip img"))).hasSize(2);
        awaitThumbnails();
        screenshot("ui-change.png");

        // typed ids run the same query
        String nextBefore = hits.get(0).getAttribute("data-before");
        String nextAfter = hits.get(0).getAttribute("data-after");
        browser.findElement(By.id("before-id")).clear();
        browser.findElement(By.id("before-id")).sendKeys(nextBefore);
        browser.findElement(By.id("after-id")).clear();
        browser.findElement(By.id("after-id")).sendKeys(nextAfter);
        browser.findElement(By.id("search-change")).click();
        waiting().until(d -> ("change:" + nextBefore + ">" + nextAfter).equals(d.findElement(By.id("grid")).getAttribute("data-result-id")));
        assertThat(browser.findElements(By.cssSelector("#grid .card.pair"))).noneMatch(h -> nextAfter.equals(h.getAttribute("data-after")));
    }

    @Test
    void queryByExampleMarkRefineAndExport() throws IOException {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#grid .card"), 10));
        assertThat(browser.findElement(By.id("stats")).getText()).contains(TestIndex.PATCHES + " patches");
        assertThat(browser.findElements(By.cssSelector("#labels-any option"))).isNotEmpty();
        assertThat(browser.getTitle()).isEqualTo("Archive — Deep Earth Query");
        // an index with dates, footprints and pairs shows their controls
        for (String id : List.of("date-filters", "season-filters", "bbox-filter", "footprints", "change-query")) {
            assertThat(browser.findElement(By.id(id)).isDisplayed()).as(id).isTrue();
        }
        // the season boxes are a named group, as the flag boxes are
        assertThat(browser.findElement(By.id("season-filters")).getAriaRole()).isEqualTo("group");
        assertThat(browser.findElement(By.id("season-filters")).getAccessibleName()).isEqualTo("Season");

        String queryId = cardIds().get(0);
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        String firstResult = awaitResult("");
        List<String> before = cardIds();
        assertThat(before).hasSize(20).doesNotContain(queryId);
        // the page's title names the view: the archive, a search, a feedback round
        assertThat(browser.getTitle()).isEqualTo("Results for " + queryId + " — Deep Earth Query");
        // the query's caption, its neighbours' labels, beside it
        WebElement caption = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#query-strip .caption")));
        assertThat(caption.getText()).matches("[A-Z].*\\.");
        // its votes' scores show on Enter, a click or a tap (a tooltip is out of reach of keyboard and touch)
        caption.findElement(By.tagName("summary")).sendKeys(Keys.ENTER);
        assertThat(caption.findElement(By.tagName("p")).getText()).startsWith("Labels voted by the 10 nearest patches: ").contains("Stored labels: ");
        screenshot("ui-caption.png");
        assertThat(browser.findElement(By.id("status")).getText()).contains("20 results");
        // a disabled button, which Tab skips, says why in a hint under it that describes it
        assertThat(browser.findElement(By.id("refine")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("refine")).getAttribute("aria-describedby")).isEqualTo("refine-hint");
        assertThat(browser.findElement(By.id("refine-hint")).getText()).isEqualTo("Mark results ✓ or ✗ to refine them.");
        assertThat(browser.findElement(By.id("export-hint")).isDisplayed()).isFalse();
        awaitThumbnails();

        List<WebElement> cards = browser.findElements(By.cssSelector("#grid .card"));
        // as a user would: the two closest results are right, the last one is wrong
        cards.get(0).findElement(By.className("mark-relevant")).click();
        cards.get(1).findElement(By.className("mark-relevant")).click();
        cards.get(19).findElement(By.className("mark-irrelevant")).click();
        assertThat(cards.get(0).getAttribute("class")).contains("relevant");
        assertThat(cards.get(19).getAttribute("class")).contains("irrelevant");
        // a card marked ✗ dims its picture alone: its text and the pressed ✗ keep their contrast
        assertThat(((ChromeDriver) browser).executeScript("const c = arguments[0]; return [getComputedStyle(c).opacity,"
                + " getComputedStyle(c.querySelector('.mark-irrelevant')).opacity]", cards.get(19))).isEqualTo(List.of("1", "1"));
        WebElement relevant = cards.get(0).findElement(By.className("mark-relevant"));
        assertThat(relevant.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(relevant.getAttribute("aria-label")).isEqualTo("mark " + before.get(0) + " relevant");
        assertThat(cards.get(0).findElement(By.className("mark-irrelevant")).getAttribute("aria-pressed")).isEqualTo("false");
        // Refine enabled: no hint describes it
        assertThat(browser.findElement(By.id("refine")).getAttribute("aria-describedby")).isNull();
        assertThat(browser.findElement(By.id("refine-hint")).getText()).isEmpty();
        assertThat(browser.findElement(By.id("refine-hint")).isDisplayed()).isFalse();
        screenshot("ui-marked.png");

        // exports download through fetch: the file, or the error in the page when the server has forgotten the list
        ((ChromeDriver) browser).executeScript("HTMLAnchorElement.prototype.click = function () {"
                + " window.downloaded = this.download + ' ' + this.href.slice(0, 5); }");
        browser.findElement(By.id("export-csv")).click();
        waiting().until(d -> ((ChromeDriver) d).executeScript("return window.downloaded") != null);
        assertThat(((ChromeDriver) browser).executeScript("return window.downloaded")).isEqualTo("deq-results-" + firstResult + ".csv blob:");
        wrapFetch("return url.includes('/export.') ? " + apiError(404, "no result list (the server keeps the last 256)") + " : real(url, options);");
        browser.findElement(By.id("export-geojson")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"),
                "GeoJSON export: no result list (the server keeps the last 256)"));
        assertThat(browser.getCurrentUrl()).doesNotContain("/api/");
        assertThat(cardIds()).isEqualTo(before);

        // the first Refine starts a feedback session from the query and posts the marks: an SVM ranking and suggestions;
        // a double click sends them once, the query buttons disabled until the answer
        wrapFetch("if (url.startsWith('/api/feedback/sessions?')) window.starts = (window.starts || 0) + 1;"
                + " if (!url.includes('/marks?')) return real(url, options);"
                + " window.marks = (window.marks || 0) + 1; return real(url, options).then((r) => new Promise((done) => setTimeout(() => done(r), 800)));");
        new Actions(browser).doubleClick(browser.findElement(By.id("refine"))).perform();
        assertThat(browser.findElement(By.id("search-ids")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("search-change")).isEnabled()).isFalse();
        String round1 = awaitResult(firstResult);
        assertThat(round1).endsWith("#1");
        assertThat(browser.getTitle()).isEqualTo("Feedback round 1 for " + queryId + " — Deep Earth Query");
        assertThat(((ChromeDriver) browser).executeScript("return [window.starts, window.marks]")).isEqualTo(List.of(1L, 1L));
        assertThat(browser.findElement(By.id("search-ids")).isEnabled()).isTrue();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("results");
        List<String> after = cardIds();
        assertThat(after).hasSize(20).isNotEqualTo(before);
        assertThat(browser.findElement(By.id("status")).getText()).contains("SVM on 3 relevant (the query included) / 1 irrelevant");
        assertThat(browser.findElements(By.cssSelector("#grid .card.saved-relevant")).stream()
                .map(c -> c.getAttribute("data-id")).toList()).contains(before.get(0), before.get(1));
        // an earlier round's marks are said in words, not by colour alone
        assertThat(browser.findElements(By.cssSelector("#grid .card.saved-relevant .saved")).stream().map(WebElement::getText).toList())
                .hasSizeGreaterThanOrEqualTo(2).allMatch("✓ marked relevant"::equals);
        assertThat(browser.findElements(By.cssSelector("#grid .card:not(.saved-relevant):not(.saved-irrelevant) .saved"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#query-strip img"))).hasSize(1);
        assertThat(browser.findElement(By.id("export-geojson")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("export-csv")).getAttribute("aria-describedby")).isEqualTo("export-hint");
        assertThat(browser.findElement(By.id("export-hint")).getText())
                .isEqualTo("A refined ranking has no distances to export: export the search before refining.");
        assertThat(browser.findElement(By.id("suggestions")).isDisplayed()).isTrue();
        List<WebElement> suggested = browser.findElements(By.cssSelector("#suggestion-grid .card"));
        List<String> suggestedIds = suggested.stream().map(c -> c.getAttribute("data-id")).toList();
        assertThat(suggestedIds).hasSize(6).doesNotContain(queryId, before.get(0), before.get(1), before.get(19));
        waiting().until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                "return Array.from(document.querySelectorAll('#suggestion-grid img.thumb')).every(i => i.complete && i.naturalWidth > 0)"));
        awaitThumbnails();
        screenshot("ui-refined.png");

        // marks on suggestions go into the same session: the next round trains on them too
        suggested.get(0).findElement(By.className("mark-irrelevant")).click();
        suggested.get(1).findElement(By.className("mark-relevant")).click();
        browser.findElement(By.id("refine")).click();
        assertThat(awaitResult(round1)).isEqualTo(round1.replace("#1", "#2"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("round 2").contains("SVM on 4 relevant (the query included) / 2 irrelevant");
        assertThat(browser.findElements(By.cssSelector("#suggestion-grid .card")).stream().map(c -> c.getAttribute("data-id")).toList())
                .hasSize(6).doesNotContain(suggestedIds.get(0), suggestedIds.get(1));
        awaitThumbnails();
        screenshot("ui-refined-2.png");

        // Enter on a suggested card searches by it; its strip is hidden, and focus goes to the results, not to <body>
        browser.findElement(By.cssSelector("#suggestion-grid .card img.thumb")).sendKeys(Keys.ENTER);
        awaitResult(round1.replace("#1", "#2"));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("results");
    }

    /** Replaces the page's fetch: {@code wrap} is a function body over (real, url, options) that returns a promise. */
    private static void wrapFetch(String wrap) {
        ((ChromeDriver) browser).executeScript(fetchWrapper(wrap));
    }

    private static String fetchWrapper(String wrap) {
        // the page asks by relative URLs (it may be served under a path prefix): the wrap sees them as paths from the root
        return "const real = window.fetch; window.fetch = (url, options) => ((real, url, options) => { " + wrap + " })(real, "
                + "((u) => u.pathname + u.search)(new URL(String(url), location.href)), options);";
    }

    /** A JS expression: a JSON error response as the API sends one. */
    private static String apiError(int status, String message) {
        return "Promise.resolve(new Response(JSON.stringify({ error: '" + message + "' }), { status: " + status
                + ", headers: { 'Content-Type': 'application/json' } }))";
    }

    private static void openSearchPage() {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#grid .card"), 10));
    }

    private static List<String> queryStripIds() {
        return browser.findElements(By.cssSelector("#query-strip img")).stream().map(i -> i.getAttribute("title")).toList();
    }

    @Test
    void aFailedMarksRequestKeepsTheSessionForTheNextRefine() {
        openSearchPage();
        wrapFetch("if (url.startsWith('/api/feedback/sessions?')) window.starts = (window.starts || 0) + 1;"
                + " if (url.includes('/marks?') && !window.refused) { window.refused = true; return " + apiError(503, "marks refused by the test") + "; }"
                + " return real(url, options);");
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        String list = awaitResult("");
        List<WebElement> cards = browser.findElements(By.cssSelector("#grid .card"));
        cards.get(0).findElement(By.className("mark-relevant")).click();
        cards.get(5).findElement(By.className("mark-irrelevant")).click();

        browser.findElement(By.id("refine")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "marks refused by the test"));
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isEqualTo(list);

        // the list on screen is still the search, whose exports work
        assertThat(browser.findElement(By.id("export-csv")).isEnabled()).isTrue();
        // the marks are still pending; Refine again goes on in the session the first try started
        browser.findElement(By.id("refine")).click();
        assertThat(awaitResult(list)).endsWith("#1");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(((ChromeDriver) browser).executeScript("return window.starts")).isEqualTo(1L);
    }

    @Test
    void aReloadShowsTheFeedbackSessionsCurrentRoundAndBackTheListBeforeIt() {
        openSearchPage();
        String queryId = cardIds().get(0);
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        String list = awaitResult("");
        String searchUrl = browser.getCurrentUrl();
        List<WebElement> cards = browser.findElements(By.cssSelector("#grid .card"));
        cards.get(0).findElement(By.className("mark-relevant")).click();
        cards.get(7).findElement(By.className("mark-irrelevant")).click();
        browser.findElement(By.id("refine")).click();
        String round1 = awaitResult(list);
        String sid = round1.substring(0, round1.indexOf('#'));
        assertThat(browser.getCurrentUrl()).endsWith("/#session=" + sid);
        List<String> refined = cardIds();

        browser.navigate().refresh();
        assertThat(awaitResult("")).isEqualTo(round1);
        assertThat(cardIds()).isEqualTo(refined);
        assertThat(browser.findElement(By.id("status")).getText()).contains("Feedback round 1")
                .contains("SVM on 2 relevant (the query included) / 1 irrelevant");
        assertThat(queryStripIds()).containsExactly(queryId);
        assertThat(browser.findElement(By.id("query-ids")).getAttribute("value")).isEqualTo(queryId);
        assertThat(browser.findElements(By.cssSelector("#suggestion-grid .card"))).isNotEmpty();

        // marks after the reload go on in the same session, whose URL stays
        browser.findElements(By.cssSelector("#suggestion-grid .card")).get(0).findElement(By.className("mark-relevant")).click();
        browser.findElement(By.id("refine")).click();
        assertThat(awaitResult(round1)).isEqualTo(sid + "#2");
        assertThat(browser.findElement(By.id("status")).getText()).contains("SVM on 3 relevant (the query included) / 1 irrelevant");
        assertThat(browser.getCurrentUrl()).endsWith("/#session=" + sid);

        // a session deleted meanwhile (another tab, the CLI) says so, and the next Refine starts a new one
        ((ChromeDriver) browser).executeScript("fetch('api/feedback/sessions/' + arguments[0], { method: 'DELETE' })"
                + ".then(() => { window.deleted = true; })", sid);
        waiting().until(d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript("return window.deleted")));
        browser.findElements(By.cssSelector("#grid .card .mark-irrelevant")).get(3).click();
        browser.findElement(By.id("refine")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"),
                "This feedback session is gone from the server (deleted meanwhile): press Refine again"));
        browser.findElement(By.id("refine")).click();
        String restarted = awaitResult(sid + "#2");
        assertThat(restarted).endsWith("#1").doesNotStartWith(sid);
        assertThat(browser.getCurrentUrl()).endsWith("/#session=" + restarted.substring(0, restarted.indexOf('#')));
        browser.navigate().back();
        waiting().until(d -> d.getCurrentUrl().endsWith("/#session=" + sid));

        // Back shows the list before the first Refine
        browser.navigate().back();
        waiting().until(d -> !d.findElement(By.id("grid")).getAttribute("data-result-id").startsWith(sid)
                && !d.findElements(By.cssSelector("#grid .card .marks")).isEmpty());
        assertThat(browser.getCurrentUrl()).isEqualTo(searchUrl);
        assertThat(browser.findElement(By.id("status")).getText()).contains("20 results");

        // a session the server does not have says so, and a name it could not have given is not asked for
        browser.get("http://127.0.0.1:" + server.port() + "/#session=no-such-session");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"),
                "The feedback session 'no-such-session' is not on this server (deleted, or kept by another server)"));
        browser.get("http://127.0.0.1:" + server.port() + "/#session=..");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "No feedback session is called '..'"));
    }

    /** Makes the API unreachable (a fetch that fails, as with the server stopped) while {@code window.down} is set. */
    private static void serverDownWhileFlagged() {
        wrapFetch("window.urls = (window.urls || []).concat([url]);"
                + " return window.down ? Promise.reject(new TypeError('Failed to fetch')) : real(url, options);");
    }

    private static void setServerDown(boolean down) {
        ((ChromeDriver) browser).executeScript("window.down = arguments[0]", down);
    }

    /** Searches by the first card and marks two of its results, card 1 relevant and card 5 irrelevant. */
    private static String searchAndMarkTwo() {
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        String list = awaitResult("");
        List<WebElement> cards = browser.findElements(By.cssSelector("#grid .card"));
        cards.get(0).findElement(By.className("mark-relevant")).click();
        cards.get(4).findElement(By.className("mark-irrelevant")).click();
        return list;
    }

    private static final String CANNOT_REACH = "cannot reach the deq server (is it still running?)";

    @Test
    void applyAfterAFirstRefineTheServerDidNotAnswerSearchesAgain() {
        openSearchPage();
        serverDownWhileFlagged();
        String list = searchAndMarkTwo();
        setServerDown(true);
        browser.findElement(By.id("refine")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), CANNOT_REACH));
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isEqualTo(list);

        // no session was started: Apply asks the search on screen again with the filters, not a session 'null'
        setServerDown(false);
        browser.findElement(By.id("k")).clear();
        browser.findElement(By.id("k")).sendKeys("7");
        browser.findElement(By.id("apply-filters")).click();
        assertThat(waiting().until(ExpectedConditions.alertIsPresent()).getText())
                .isEqualTo("Discard your 2 pending mark(s) and apply the filters?");
        browser.switchTo().alert().accept();
        assertThat(awaitResult(list)).doesNotContain("#");
        assertThat(browser.findElement(By.id("status")).getText()).startsWith("7 results");
        assertThat(browser.findElements(By.cssSelector("#grid .card.relevant, #grid .card.irrelevant"))).isEmpty();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(requestedUrls()).noneMatch(u -> u.contains("/sessions/null"));
    }

    @Test
    void aListingTheServerDidNotAnswerLeavesTheListUsable() {
        openSearchPage();
        serverDownWhileFlagged();
        String list = searchAndMarkTwo();
        setServerDown(true);
        browser.findElement(By.id("browse")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), CANNOT_REACH));
        // a card's search failing as well leaves the list, its marks and Refine as they were
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(d -> requestedUrls().stream().filter(u -> u.startsWith("/api/search?")).count() == 2
                && !d.findElement(By.id("status")).getText().endsWith("…"));
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo(CANNOT_REACH);
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isEqualTo(list);
        assertThat(browser.findElements(By.cssSelector("#grid .card.relevant, #grid .card.irrelevant"))).hasSize(2);
        assertThat(browser.findElement(By.id("refine")).isEnabled()).isTrue();
        assertThat(browser.findElement(By.id("export-csv")).isEnabled()).isTrue();

        // the server back, the list on screen exports and refines
        setServerDown(false);
        ((ChromeDriver) browser).executeScript("HTMLAnchorElement.prototype.click = function () { window.downloaded = this.download; }");
        browser.findElement(By.id("export-csv")).click();
        waiting().until(d -> ((ChromeDriver) d).executeScript("return window.downloaded") != null);
        assertThat(((ChromeDriver) browser).executeScript("return window.downloaded")).isEqualTo("deq-results-" + list + ".csv");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        browser.findElement(By.id("refine")).click();
        assertThat(awaitResult(list)).endsWith("#1");
    }

    @Test
    void backWithPendingMarksCancelledLeavesTheUrlNamingTheListOnScreen() {
        openSearchPage();
        String first = cardIds().get(0);
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        String list = awaitResult("");
        String second = cardIds().get(0);
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        awaitResult(list);
        assertThat(browser.getCurrentUrl()).endsWith("/#id=" + second);
        browser.findElement(By.cssSelector("#grid .card .mark-relevant")).click();

        // Back asks first; cancelled, the list stays and so does the URL naming it
        ((ChromeDriver) browser).executeScript("history.back()");
        assertThat(waiting().until(ExpectedConditions.alertIsPresent()).getText())
                .isEqualTo("Discard your 1 pending mark(s) and go to the query of that page?");
        browser.switchTo().alert().dismiss();
        waiting().until(d -> d.getCurrentUrl().endsWith("/#id=" + second));
        assertThat(queryStripIds()).containsExactly(second);
        assertThat(browser.findElement(By.cssSelector("#grid .card")).getAttribute("class")).contains("relevant");

        // Back again, accepted, goes to the query before it
        ((ChromeDriver) browser).executeScript("history.back()");
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(d -> queryStripIds().equals(List.of(first)));
        assertThat(browser.getCurrentUrl()).endsWith("/#id=" + first);
    }

    @Test
    void aBackOverSeveralEntriesCancelledKeepsEveryEntry() {
        openSearchPage();
        List<String> queries = new java.util.ArrayList<>();
        String list = "";
        for (int i = 0; i < 3; i++) {
            queries.add(cardIds().get(0));
            browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
            list = awaitResult(list);
        }
        assertThat(browser.getCurrentUrl()).endsWith("/#id=" + queries.get(2));
        browser.findElement(By.cssSelector("#grid .card .mark-relevant")).click();

        // two entries back, cancelled: the browser comes back to the list on screen, the entries between still there
        ((ChromeDriver) browser).executeScript("history.go(-2)");
        waiting().until(ExpectedConditions.alertIsPresent()).dismiss();
        waiting().until(d -> d.getCurrentUrl().endsWith("/#id=" + queries.get(2)));
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isEqualTo(list);
        assertThat(browser.findElement(By.cssSelector("#grid .card")).getAttribute("class")).contains("relevant");

        // one Back, accepted, is the query just before, and Forward the one left
        ((ChromeDriver) browser).executeScript("history.back()");
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(d -> queryStripIds().equals(List.of(queries.get(1))));
        assertThat(browser.getCurrentUrl()).endsWith("/#id=" + queries.get(1));
        ((ChromeDriver) browser).executeScript("history.forward()");
        waiting().until(d -> queryStripIds().equals(List.of(queries.get(2))));
        assertThat(browser.getCurrentUrl()).endsWith("/#id=" + queries.get(2));

        // a hash typed over pending marks, kept: back to the list's own entry, so that a later cancelled move over
        // several entries still comes back to it
        String shown = browser.findElement(By.id("grid")).getAttribute("data-result-id");
        browser.findElement(By.cssSelector("#grid .card .mark-relevant")).click();
        ((ChromeDriver) browser).executeScript("location.hash = '#id=' + arguments[0]", queries.get(0));
        waiting().until(ExpectedConditions.alertIsPresent()).dismiss();
        waiting().until(d -> d.getCurrentUrl().endsWith("/#id=" + queries.get(2)));
        ((ChromeDriver) browser).executeScript("history.go(-3)");
        waiting().until(ExpectedConditions.alertIsPresent()).dismiss();
        waiting().until(d -> d.getCurrentUrl().endsWith("/#id=" + queries.get(2))
                && !(Boolean) ((ChromeDriver) d).executeScript("return state.returning"));
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isEqualTo(shown);
    }

    @Test
    void aLevel1cPatchOffersNoLeafAreaIndexMap() {
        openSearchPage();
        // the synthetic archive has no Level-1C patch: the listing flags its first one so
        wrapFetch("const p = real(url, options); if (!url.startsWith('/api/patches?')) return p;"
                + " return p.then((r) => r.json()).then((page) => { page.patches[0].flags.push('level-1c');"
                + " return new Response(JSON.stringify(page), { headers: { 'Content-Type': 'application/json' } }); });");
        browser.findElement(By.id("browse")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#grid .card:first-child button.map")).isEmpty());
        List<WebElement> cards = browser.findElements(By.cssSelector("#grid .card"));
        assertThat(cards.get(1).findElement(By.cssSelector("button.map")).getText()).isEqualTo("LAI map");
    }

    @Test
    void onlyTheLatestClickRendersAndPendingMarksAskFirst() throws InterruptedException {
        openSearchPage();
        List<String> ids = cardIds();
        String slow = ids.get(0), fast = ids.get(1);
        // the first search's answer comes late, after the second's
        wrapFetch("const p = real(url, options);"
                + " if (!url.startsWith('/api/search?') || !url.includes('id=" + slow + "')) return p;"
                + " return p.then((r) => new Promise((done) => setTimeout(() => { done(r); setTimeout(() => { window.slowDone = true; }, 300); }, 1500)));");
        List<WebElement> thumbs = browser.findElements(By.cssSelector("#grid .card img.thumb"));
        thumbs.get(0).click();
        thumbs.get(1).click();
        String list = awaitResult("");
        assertThat(queryStripIds()).containsExactly(fast);
        waiting().until(d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript("return window.slowDone")));
        assertThat(queryStripIds()).containsExactly(fast);
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isEqualTo(list);

        // a new search would drop the pending mark: cancelling keeps list and mark, accepting searches
        WebElement first = browser.findElement(By.cssSelector("#grid .card"));
        String next = first.getAttribute("data-id");
        first.findElement(By.className("mark-relevant")).click();
        first.findElement(By.cssSelector("img.thumb")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).dismiss();
        Thread.sleep(300);
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isEqualTo(list);
        assertThat(browser.findElement(By.cssSelector("#grid .card")).getAttribute("class")).contains("relevant");
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        awaitResult(list);
        assertThat(queryStripIds()).containsExactly(next);
    }

    @Test
    void browsingAwayFromPendingMarksAsksFirst() {
        openSearchPage();
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        String list = awaitResult("");
        browser.findElement(By.cssSelector("#grid .card .mark-irrelevant")).click();

        // leaving or reloading the page asks too, in the browser's words (WebDriver accepts that question itself, so
        // the page's answer to it is asked here)
        assertThat(leavingAsks()).isTrue();

        // cancelling keeps the list and its mark
        browser.findElement(By.id("browse")).click();
        assertThat(waiting().until(ExpectedConditions.alertIsPresent()).getText())
                .isEqualTo("Discard your 1 pending mark(s) and browse the archive?");
        browser.switchTo().alert().dismiss();
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isEqualTo(list);
        assertThat(browser.findElement(By.cssSelector("#grid .card")).getAttribute("class")).contains("irrelevant");
        assertThat(browser.findElement(By.id("refine")).isEnabled()).isTrue();

        // accepting shows the archive, and the dropped mark asks nothing more
        browser.findElement(By.id("browse")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Archive: " + TestIndex.PATCHES));
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isEmpty();
        assertThat(leavingAsks()).isFalse();
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        awaitResult("");
    }

    /** Whether the page would stop the browser leaving it to ask the user (its beforeunload handler cancels the event). */
    private static boolean leavingAsks() {
        return !(Boolean) ((ChromeDriver) browser).executeScript(
                "return window.dispatchEvent(new Event('beforeunload', {cancelable: true}))");
    }

    @Test
    void applyFiltersKeepsTheRefinementOfAnUpload() throws Exception {
        openSearchPage();
        browser.findElement(By.id("upload")).sendKeys(thumbnailFile(cardIds().get(7), "example.png").toString());
        browser.findElement(By.id("search-upload")).click();
        String uploaded = awaitResult("");
        assertThat(browser.findElement(By.cssSelector("#query-strip .upload-chip")).getText()).isEqualTo("example.png");
        List<WebElement> cards = browser.findElements(By.cssSelector("#grid .card"));
        List<String> marked = List.of(cards.get(0).getAttribute("data-id"), cards.get(1).getAttribute("data-id"));
        cards.get(0).findElement(By.className("mark-relevant")).click();
        cards.get(1).findElement(By.className("mark-relevant")).click();
        browser.findElement(By.id("refine")).click();
        String refined = awaitResult(uploaded);
        assertThat(queryStripIds()).containsExactlyInAnyOrderElementsOf(marked);
        assertThat(browser.findElement(By.id("status")).getText()).startsWith("Refined with 2 relevant / 0 irrelevant: 20 results");

        // new filters re-run the refinement on screen, not the plain upload
        browser.findElement(By.id("k")).clear();
        browser.findElement(By.id("k")).sendKeys("7");
        browser.findElement(By.id("apply-filters")).click();
        awaitResult(refined);
        assertThat(browser.findElement(By.id("status")).getText()).startsWith("Refined with 2 relevant / 0 irrelevant: 7 results");
        assertThat(queryStripIds()).containsExactlyInAnyOrderElementsOf(marked);
        assertThat(browser.findElement(By.cssSelector("#query-strip .upload-chip")).getText()).isEqualTo("example.png");
        assertThat(cardIds()).hasSize(7).doesNotContainAnyElementsOf(marked);
    }

    @Test
    void applyFiltersRerunsAChangeQueryByUpload() throws Exception {
        openSearchPage();
        browser.findElement(By.id("browse-pairs")).click();
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#grid .card.pair"), 2));
        WebElement pair = browser.findElements(By.cssSelector("#grid .card.pair")).get(3);
        browser.findElement(By.id("before-file")).sendKeys(thumbnailFile(pair.getAttribute("data-before"), "t1.png").toString());
        browser.findElement(By.id("after-file")).sendKeys(thumbnailFile(pair.getAttribute("data-after"), "t2.png").toString());
        browser.findElement(By.id("search-change-upload")).click();
        String change = "change:upload:t1.png>upload:t2.png";
        waiting().until(d -> change.equals(d.findElement(By.id("grid")).getAttribute("data-result-id")));

        browser.findElement(By.id("k")).clear();
        browser.findElement(By.id("k")).sendKeys("4");
        browser.findElement(By.id("apply-filters")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "4 changed pairs"));
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isEqualTo(change);
        assertThat(browser.findElements(By.cssSelector("#grid .card.pair"))).hasSize(4);
    }

    /** A patch's thumbnail as a PNG file, as a user would upload it. */
    private static Path thumbnailFile(String id, String name) throws IOException, InterruptedException {
        HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + "/api/thumbnail?id=" + id)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        return Files.write(profile.resolve(name), png.body());
    }

    @Test
    void aPairCardShowsItsChangeMapAndGoesBack() throws IOException {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        browser.findElement(By.id("browse-pairs")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), TestIndex.PAIRS + " bi-temporal pairs"));
        WebElement card = browser.findElements(By.cssSelector("#grid .card.pair")).get(0);
        WebElement after = card.findElements(By.cssSelector("img.thumb")).get(1);
        String thumbnail = after.getAttribute("src");
        // a screen reader tells the before thumbnail from the after one
        String query = "find places that changed like " + card.getAttribute("data-before") + " → " + card.getAttribute("data-after");
        assertThat(card.findElements(By.cssSelector("img.thumb")).get(0).getAccessibleName())
                .isEqualTo("before: " + card.getAttribute("data-before") + " — " + query);
        String afterName = "after: " + card.getAttribute("data-after") + " — " + query;
        assertThat(after.getAccessibleName()).isEqualTo(afterName);
        // a map button's name starts with its text, and follows it; it is a target of 24 px at least
        WebElement button = card.findElement(By.cssSelector("button.map"));
        String pair = card.getAttribute("data-before") + " → " + card.getAttribute("data-after");
        assertThat(button.getAccessibleName()).isEqualTo("change map of " + pair);
        assertThat(button.getSize().getHeight()).isGreaterThanOrEqualTo(24);
        button.click();
        waiting().until(d -> after.getAttribute("src").startsWith("blob:")
                && ((Number) ((ChromeDriver) d).executeScript("return arguments[0].naturalWidth", after)).intValue() == 120);
        // the map's description (its alt, which the thumbnail's button name hides) is read with it
        assertThat(after.getAccessibleName()).isEqualTo(after.getAttribute("alt") + " — " + query).contains("tinted red");
        assertThat(card.findElement(By.cssSelector("button.map")).getText()).isEqualTo("thumbnail");
        assertThat(button.getAccessibleName()).isEqualTo("thumbnail of " + pair);
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(browser.switchTo().activeElement()).isEqualTo(card.findElement(By.cssSelector("button.map")));
        // the map's figures under it, from /api/change-map.json, as deq change-map prints them
        waiting().until(d -> !card.findElements(By.cssSelector(".map-note")).isEmpty());
        assertThat(card.findElement(By.cssSelector(".map-note")).getText())
                .matches("\\d+\\.\\d\\d % of [\\d,]+ pixels changed \\(magnitude above \\d\\.\\d{4}\\)\\..*");
        screenshot("ui-change-map.png");
        card.findElement(By.cssSelector("button.map")).click();
        waiting().until(d -> thumbnail.equals(after.getAttribute("src")));
        assertThat(card.findElements(By.cssSelector(".map-note"))).isEmpty();
        assertThat(after.getAccessibleName()).isEqualTo(afterName);
    }

    @Test
    void aPatchCardShowsItsLeafAreaIndexMapAndGoesBack() throws IOException {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#grid .card button.map"), 2));
        WebElement card = browser.findElements(By.cssSelector("#grid .card")).get(1);
        WebElement img = card.findElement(By.cssSelector("img.thumb"));
        String thumbnail = img.getAttribute("src");
        WebElement button = card.findElement(By.cssSelector("button.map"));
        assertThat(button.getText()).isEqualTo("LAI map");
        assertThat(button.getAccessibleName()).isEqualTo("LAI map of " + card.getAttribute("data-id"));
        assertThat(button.getSize().getHeight()).isGreaterThanOrEqualTo(24);
        button.click();
        waiting().until(d -> img.getAttribute("src").startsWith("blob:")
                && ((Number) ((ChromeDriver) d).executeScript("return arguments[0].naturalWidth", img)).intValue() == 120);
        assertThat(button.getText()).isEqualTo("thumbnail");
        assertThat(button.getAccessibleName()).isEqualTo("thumbnail of " + card.getAttribute("data-id"));
        assertThat(browser.switchTo().activeElement()).as("disabled while it asked, the button has the focus again").isEqualTo(button);
        assertThat(img.getAttribute("alt")).startsWith("leaf area index of ");
        assertThat(img.getAccessibleName()).isEqualTo(img.getAttribute("alt") + " — Search for places like " + card.getAttribute("data-id"));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        // the map's figures under it, from /api/biophysical.json
        waiting().until(d -> !card.findElements(By.cssSelector(".map-note")).isEmpty());
        assertThat(card.findElement(By.cssSelector(".map-note")).getText()).matches("Mean LAI \\d+\\.\\d\\d m2/m2 over \\d+ % of the pixels[.;].*");
        screenshot("ui-lai-map.png");
        button.click();
        waiting().until(d -> thumbnail.equals(img.getAttribute("src")));
        assertThat(card.findElements(By.cssSelector(".map-note"))).isEmpty();
        assertThat(img.getAccessibleName()).isEqualTo("Search for places like " + card.getAttribute("data-id"));
    }

    @Test
    void theKeyboardSearchesByACardAndEnterRunsTheFields() {
        openSearchPage();
        // the first Tab stop skips the sidebar
        new Actions(browser).sendKeys(Keys.TAB).perform();
        WebElement skip = browser.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to results");
        skip.sendKeys(Keys.ENTER);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("results");
        // where focus landed shows: the results heading is visible, outlined
        assertThat(browser.findElement(By.id("results")).getSize().getHeight()).isGreaterThan(10);
        assertThat(((ChromeDriver) browser).executeScript("const e = document.activeElement;"
                + " return e.matches(':focus-visible') && getComputedStyle(e).outlineStyle")).isEqualTo("solid");
        assertThat(browser.findElement(By.id("status")).getAttribute("aria-live")).isEqualTo("polite");
        WebElement thumb = browser.findElement(By.cssSelector("#grid .card img.thumb"));
        String id = browser.findElement(By.cssSelector("#grid .card")).getAttribute("data-id");
        assertThat(thumb.getAttribute("tabindex")).isEqualTo("0");
        assertThat(thumb.getAttribute("role")).isEqualTo("button");
        assertThat(thumb.getAttribute("aria-label")).isEqualTo("Search for places like " + id);
        // Tab from the toolbar (its other buttons disabled while browsing) reaches the first card
        ((ChromeDriver) browser).executeScript("document.getElementById('browse').focus()");
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getAttribute("aria-label")).isEqualTo("Search for places like " + id);
        focused.sendKeys(Keys.ENTER);
        String list = awaitResult("");
        assertThat(queryStripIds()).containsExactly(id);
        // the card went with the list it was on: focus goes to the results, not to <body>
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("results");

        // Space works as well
        WebElement next = browser.findElement(By.cssSelector("#grid .card"));
        String nextId = next.getAttribute("data-id");
        next.findElement(By.cssSelector("img.thumb")).sendKeys(Keys.SPACE);
        awaitResult(list);
        assertThat(queryStripIds()).containsExactly(nextId);

        // Enter in the filter fields applies the filters: k of 5 re-runs the search with 5 results, their top in view
        ((ChromeDriver) browser).executeScript("window.scrollTo(0, document.body.scrollHeight)");
        browser.findElement(By.id("k")).clear();
        browser.findElement(By.id("k")).sendKeys("5", Keys.ENTER);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "5 results"));
        assertThat(cardIds()).hasSize(5);
        assertInView(browser.findElement(By.id("status")));
        // a Results count out of range is said in the field's words, not the API's, and the list stays; the field,
        // invalid and described by the error, takes focus from Apply, and is valid again once fixed
        WebElement k = browser.findElement(By.id("k"));
        k.clear();
        k.sendKeys("5000");
        browser.findElement(By.id("apply-filters")).sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("Results must be a whole number between 1 and 1000, not 5000.");
        assertThat(cardIds()).hasSize(5);
        assertThat(browser.switchTo().activeElement()).isEqualTo(k);
        assertThat(k.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(k.getAttribute("aria-describedby")).isEqualTo("error");
        k.clear();
        k.sendKeys("20");
        assertThat(k.getAttribute("aria-invalid")).isNull();
        assertThat(k.getAttribute("aria-describedby")).isNull();
        // the labels hint says how to pick several from the keyboard too
        assertThat(browser.findElement(By.id("labels-hint")).getText()).contains("from the keyboard, Shift+↑/↓");

        // Enter in the before/after fields runs the change query
        browser.findElement(By.id("browse-pairs")).click();
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#grid .card.pair"), 2));
        WebElement pair = browser.findElements(By.cssSelector("#grid .card.pair")).get(1);
        String before = pair.getAttribute("data-before"), after = pair.getAttribute("data-after");
        assertThat(pair.findElement(By.cssSelector("img.thumb")).getAttribute("tabindex")).isEqualTo("0");
        browser.findElement(By.id("before-id")).sendKeys(before);
        browser.findElement(By.id("after-id")).sendKeys(after, Keys.ENTER);
        waiting().until(d -> ("change:" + before + ">" + after).equals(d.findElement(By.id("grid")).getAttribute("data-result-id")));
    }

    @Test
    void pagingFromTheKeyboardLeavesFocusOnThePagerOrTheResults() {
        openSearchPage();
        ((ChromeDriver) browser).executeScript("window.scrollTo(0, document.body.scrollHeight)");
        assertThat(browser.findElement(By.id("page-info")).getAttribute("aria-live")).isEqualTo("polite");
        // Next, still enabled on the next page, keeps focus (the new range is read out); disabled on the last, it gives
        // focus to the results, in view above the new cards rather than <body> at the page's foot
        browser.findElement(By.id("next")).sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "61–120 of " + TestIndex.PATCHES));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("next");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "121–" + TestIndex.PATCHES + " of"));
        assertThat(browser.findElement(By.id("next")).isEnabled()).isFalse();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("results");
        assertInView(browser.findElement(By.id("results")));
        // Previous alike, on to the first page
        ((ChromeDriver) browser).executeScript("window.scrollTo(0, document.body.scrollHeight)");
        browser.findElement(By.id("prev")).sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "61–120 of"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "1–60 of"));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("results");
        assertInView(browser.findElement(By.id("results")));
    }

    @Test
    void bidirectionalControlsAndInvisibleCharactersInAnIdAreShownNotObeyed() {
        // U+202E would show the rest of the error reversed: 'no patch with id 'exe.gpj...' reads as a sentence backwards
        browser.get("http://127.0.0.1:" + server.port() + "/#id=%E2%80%AEexe.gpj");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "no patch with id"));
        assertThat(browser.findElement(By.id("error")).getText()).contains("'⟨U+202E⟩exe.gpj'").doesNotContain("\u202e");
        assertThat(((ChromeDriver) browser).executeScript("return visible('rtl\\u202egpj.exe \\u2066x\\u2069')"))
                .isEqualTo("rtl⟨U+202E⟩gpj.exe ⟨U+2066⟩x⟨U+2069⟩");
        // invisible characters too (two ids that differ would look the same), not the joiners scripts and emoji need
        assertThat(((ChromeDriver) browser).executeScript("return visible('a\\u200bb\\ufeff c\\u200cd')"))
                .isEqualTo("a⟨U+200B⟩b⟨U+FEFF⟩ c\u200cd");
        browser.get("http://127.0.0.1:" + server.port() + "/eval.html"); // the evaluation page shows text the same way
        assertThat(((ChromeDriver) browser).executeScript("return visible('x\\u202ey')")).isEqualTo("x⟨U+202E⟩y");
    }

    @Test
    void aFailedQueryReplacesTheListAndAnEmptyOneSaysSo() throws IOException {
        openSearchPage();
        String id = cardIds().get(0);
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        String list = awaitResult("");
        ((ChromeDriver) browser).executeScript("window.scrollTo(0, document.body.scrollHeight)");

        // a bad bounding box: the error, in view, replaces the results and the query strip
        browser.findElement(By.id("bbox")).sendKeys("not a box", Keys.ENTER);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "bounding box must be"));
        assertThat(cardIds()).isEmpty();
        assertThat(browser.findElement(By.id("query-strip")).getText()).isEmpty();
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isEmpty();
        assertThat(browser.findElement(By.id("export-csv")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("pager")).isDisplayed()).isFalse();
        assertThat(browser.getTitle()).isEqualTo("Error — Deep Earth Query");
        assertInView(browser.findElement(By.id("error")));
        screenshot("ui-error.png");

        // a box that holds nothing: Apply runs the failed search again, the error goes, an empty-state line says why
        browser.findElement(By.id("bbox")).clear();
        browser.findElement(By.id("bbox")).sendKeys("0,0,0.001,0.001");
        browser.findElement(By.id("apply-filters")).click();
        WebElement empty = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#grid .empty")));
        assertThat(empty.getText()).startsWith("No patch matches the query and filters");
        assertThat(queryStripIds()).containsExactly(id);
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isNotEqualTo(list);

        // the archive listing says so as well, and why
        browser.findElement(By.id("browse")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Archive: no patch matches the filters"));
        // the note is a sentence of its own, said once, and the status line names the filter
        assertThat(browser.findElement(By.cssSelector("#grid .empty")).getText())
                .isEqualTo("No patch matches the filters. No footprint of the index meets bbox 0.0,0.0,0.001,0.001.");
        assertThat(browser.findElement(By.id("notes")).getText()).isEmpty();
        assertThat(browser.findElement(By.id("status")).getText()).endsWith(" · filtered: bbox=0,0,0.001,0.001");
    }

    @Test
    void aLostServerKeepsTheListAndAFailedUploadDropsTheOldQueryStrip() throws Exception {
        openSearchPage();
        Path file = thumbnailFile(cardIds().get(3), "refused.png");
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        String list = awaitResult("");
        List<String> shown = cardIds();
        String status = browser.findElement(By.id("status")).getText();

        // no answer at all: said in words, and the list stays, since nothing about it changed
        wrapFetch("return url.startsWith('/api/search?') ? Promise.reject(new TypeError('Failed to fetch')) : real(url, options);");
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"),
                "cannot reach the deq server (is it still running?)"));
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).isEqualTo(list);
        assertThat(cardIds()).isEqualTo(shown);
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo(status);
        assertThat(browser.findElement(By.id("search-upload")).isEnabled()).isTrue();

        wrapFetch("return url.startsWith('/api/search/upload?') ? " + apiError(400, "upload refused by the test") + " : real(url, options);");
        browser.findElement(By.id("upload")).sendKeys(file.toString());
        browser.findElement(By.id("search-upload")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "upload refused by the test"));
        assertThat(queryStripIds()).isEmpty();
        assertThat(cardIds()).isEmpty();
        assertInView(browser.findElement(By.id("error")));
        // the button, disabled while it asked, lost the focus: the error has it, not <body>
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("error");
    }

    @Test
    void aMapsSuccessClearsAnEarlierMapsError() {
        openSearchPage();
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#grid .card button.map"), 2));
        wrapFetch("if (url.startsWith('/api/biophysical.png') && !window.refused) { window.refused = true; return "
                + apiError(400, "Level-1C refused by the test") + "; } return real(url, options);");
        List<WebElement> cards = browser.findElements(By.cssSelector("#grid .card"));
        cards.get(0).findElement(By.cssSelector("button.map")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "LAI map: Level-1C refused by the test"));
        assertThat(cardIds()).hasSizeGreaterThan(10); // a card's map failing leaves the list alone
        WebElement img = cards.get(1).findElement(By.cssSelector("img.thumb"));
        cards.get(1).findElement(By.cssSelector("button.map")).click();
        waiting().until(d -> img.getAttribute("src").startsWith("blob:"));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    private static void assertInView(WebElement element) {
        List<?> box = (List<?>) ((ChromeDriver) browser).executeScript(
                "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight]", element);
        // within a pixel: the box's edges fall on fractions of one
        assertThat(((Number) box.get(0)).doubleValue()).isGreaterThanOrEqualTo(-1);
        assertThat(((Number) box.get(1)).doubleValue()).isLessThanOrEqualTo(((Number) box.get(2)).doubleValue() + 1);
    }

    @Test
    void longLabelsAndIdsAreCutButReadableInTheirTitle() throws IOException {
        openSearchPage();
        // the first row's thumbnails: the listing's lower ones load lazily, when scrolled to
        waiting().until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                "return Array.from(document.querySelectorAll('#grid img.thumb')).slice(0, 5).every(i => i.complete && i.naturalWidth > 0)"));
        screenshot("ui-ids.png");
        List<WebElement> cards = browser.findElements(By.cssSelector("#grid .card"));
        for (WebElement card : cards.subList(0, 5)) {
            WebElement labels = card.findElement(By.className("labels"));
            assertThat(labels.getAttribute("title")).isEqualTo(labels.getAttribute("textContent")).isNotEmpty();
            assertThat(card.findElement(By.className("id")).getAttribute("title")).isEqualTo(card.getAttribute("data-id"));
        }
        // a label list far wider than its card stays on one line inside it, cut with an ellipsis
        WebElement labels = cards.get(0).findElement(By.className("labels"));
        List<?> box = (List<?>) ((ChromeDriver) browser).executeScript(
                "const e = arguments[0]; e.textContent = 'Discontinuous urban fabric · '.repeat(12);"
                        + " const s = getComputedStyle(e); return [s.textOverflow, s.whiteSpace, e.getBoundingClientRect().right,"
                        + " e.closest('.card').getBoundingClientRect().right, e.scrollWidth > e.clientWidth]", labels);
        assertThat(box.get(0)).isEqualTo("ellipsis");
        assertThat(box.get(1)).isEqualTo("nowrap");
        assertThat(((Number) box.get(2)).doubleValue()).isLessThanOrEqualTo(((Number) box.get(3)).doubleValue());
        assertThat(box.get(4)).isEqualTo(true);
        // an id wraps, after its folder's '/' first, so that its class (start) and its file (end) both show, uncut
        List<?> id = (List<?>) ((ChromeDriver) browser).executeScript(
                "const e = arguments[0]; e.textContent = 'denseresidential/'; e.appendChild(document.createElement('wbr'));"
                        + " e.append('denseresidential12'); const s = getComputedStyle(e);"
                        + " return [s.overflowWrap, e.scrollHeight - e.clientHeight, e.scrollWidth - e.clientWidth,"
                        + " e.getClientRects()[0].height / parseFloat(s.lineHeight)]",
                cards.get(0).findElement(By.className("id")));
        assertThat(id.get(0)).isEqualTo("anywhere");
        assertThat(((Number) id.get(1)).doubleValue()).isLessThanOrEqualTo(0);
        assertThat(((Number) id.get(2)).doubleValue()).isLessThanOrEqualTo(0);
        assertThat(((Number) id.get(3)).doubleValue()).as("lines").isGreaterThan(1.5);
        // a title is out of reach of touch and keyboard: a click or Enter shows the whole list in place, and hides it again
        labels.click();
        assertThat(labels.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(labels.getCssValue("white-space")).isEqualTo("normal");
        assertThat(((Number) ((ChromeDriver) browser).executeScript("return arguments[0].scrollWidth - arguments[0].clientWidth",
                labels)).longValue()).isLessThanOrEqualTo(0);
        labels.sendKeys(Keys.ENTER);
        assertThat(labels.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(labels.getCssValue("white-space")).isEqualTo("nowrap");
        // Escape collapses it too, and leaves a collapsed one as it is
        labels.sendKeys(Keys.ENTER);
        labels.sendKeys(Keys.ESCAPE);
        assertThat(labels.getAttribute("aria-expanded")).isEqualTo("false");
        labels.sendKeys(Keys.ESCAPE);
        assertThat(labels.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(browser.findElement(By.id("grid")).getAttribute("data-result-id")).as("no search ran").isNullOrEmpty();
    }

    @Test
    void marksWaitForTheQueryOnItsWay() {
        openSearchPage();
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        String list = awaitResult("");
        // the next search's answer is held until the test releases it: a mark made meanwhile would go with this list
        wrapFetch("const p = real(url, options); if (!url.startsWith('/api/search?')) return p;"
                + " return new Promise((done) => { window.release = () => p.then(done); });");
        browser.findElements(By.cssSelector("#grid .card img.thumb")).get(2).click();
        waiting().until(d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript("return typeof window.release === 'function'")));
        assertThat(browser.findElement(By.cssSelector("#grid .card .mark-relevant")).isEnabled()).isFalse();
        ((ChromeDriver) browser).executeScript("window.release()");
        awaitResult(list);
        assertThat(browser.findElement(By.cssSelector("#grid .card .mark-relevant")).isEnabled()).isTrue();
    }

    @Test
    void applyingFiltersWhileASearchRunsAsksThatSearchAgainNotTheListItReplaces() {
        openSearchPage();
        String id = cardIds().get(0);
        // the unfiltered search answers late; Apply filters is pressed meanwhile
        // the unfiltered search's answer is held until the test releases it, after Apply
        wrapFetch("window.urls = (window.urls || []).concat([url]); const p = real(url, options);"
                + " if (!url.startsWith('/api/search?') || url.includes('exclude-flags=snow')) return p;"
                + " return new Promise((done) => { window.release = () => p.then(done); });");
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        waiting().until(d -> requestedUrls().stream().anyMatch(u -> u.startsWith("/api/search?")));
        browser.findElement(By.cssSelector("input[name=exclude-flag][value=snow]")).click();
        browser.findElement(By.id("apply-filters")).click();
        ((ChromeDriver) browser).executeScript("window.release()");
        awaitResult("");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), " · filtered: exclude-flags=snow"));
        assertThat(queryStripIds()).containsExactly(id);
        assertThat(requestedUrls()).filteredOn(u -> u.startsWith("/api/search?")).hasSize(2)
                .last().asString().contains("exclude-flags=snow");
        assertThat(requestedUrls()).noneMatch(u -> u.startsWith("/api/patches?") && u.contains("exclude-flags"));
    }

    @Test
    void excludeFlagsGoWithSearchesFeedbackAndChangeQueries() {
        openSearchPage();
        wrapFetch("window.urls = (window.urls || []).concat([url]); return real(url, options);");
        // the synthetic archive has snowy patches and no cloudy or Level-1C ones: only the snow box is offered
        assertThat(browser.findElement(By.cssSelector("input[name=exclude-flag][value=cloud]")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector("input[name=exclude-flag][value=level-1c]")).isDisplayed()).isFalse();
        browser.findElement(By.cssSelector("input[name=exclude-flag][value=snow]")).click();
        browser.findElement(By.id("apply-filters")).click();
        waiting().until(d -> requestedUrls().stream().anyMatch(u -> u.startsWith("/api/patches?")));
        String flags = "exclude-flags=snow";
        assertThat(requestedUrls()).filteredOn(u -> u.startsWith("/api/patches?")).allMatch(u -> u.contains(flags));
        // the page's first listing says "Archive: " too: wait for the filtered one
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), " · filtered: exclude-flags=snow"));
        assertThat(browser.findElement(By.id("status")).getText()).startsWith("Archive: ").endsWith(" · filtered: exclude-flags=snow");

        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        String list = awaitResult("");
        assertThat(requestedUrls()).filteredOn(u -> u.startsWith("/api/search?")).singleElement().asString().contains(flags);
        browser.findElement(By.cssSelector("#grid .card .mark-relevant")).click();
        browser.findElement(By.id("refine")).click();
        awaitResult(list);
        assertThat(requestedUrls()).filteredOn(u -> u.startsWith("/api/feedback/")).isNotEmpty().allMatch(u -> u.contains(flags));

        browser.findElement(By.id("browse-pairs")).click();
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#grid .card.pair"), 2));
        WebElement pair = browser.findElements(By.cssSelector("#grid .card.pair")).get(0);
        String after = pair.getAttribute("data-after");
        pair.findElement(By.cssSelector("img.thumb")).click();
        waiting().until(d -> d.findElement(By.id("grid")).getAttribute("data-result-id").endsWith(">" + after));
        assertThat(requestedUrls()).filteredOn(u -> u.startsWith("/api/change?")).singleElement().asString().contains(flags);

        // Clear unticks them
        browser.findElement(By.id("clear-filters")).click();
        assertThat(browser.findElements(By.cssSelector("input[name=exclude-flag]:checked"))).isEmpty();
    }

    private static List<String> requestedUrls() {
        return ((List<?>) ((ChromeDriver) browser).executeScript("return window.urls || []")).stream().map(String::valueOf).toList();
    }

    @Test
    void typedIdsSearchAndTheUrlKeepsTheQuery() throws IOException {
        openSearchPage();
        List<String> ids = cardIds();
        String a = ids.get(2), b = ids.get(5), c;
        browser.findElement(By.id("query-ids")).sendKeys(a + " , " + b, Keys.ENTER);
        String list = awaitResult("");
        assertThat(queryStripIds()).containsExactly(a, b);
        assertThat(browser.getCurrentUrl()).endsWith("/#ids=" + a + "," + b);
        assertThat(browser.findElement(By.id("status")).getText()).as("no filter set").doesNotContain("filtered");
        // the query's ids under its thumbnails, wrapped and shown whole on demand, as a card's
        List<WebElement> queryIds = browser.findElements(By.cssSelector("#query-strip .query-chip .id"));
        assertThat(queryIds).extracting(WebElement::getText).containsExactly(a, b);
        assertThat(queryIds.get(0).getAttribute("class")).contains("wraps");
        // a Tab stop only where the id is cut: a page of cards would otherwise hold hundreds
        String consistent = "return Array.from(document.querySelectorAll('#query-strip .id, #grid .card .id, #grid .card"
                + " .labels')).every((e) => (e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight)"
                + " === (e.getAttribute('role') === 'button' && e.tabIndex === 0))";
        waiting().until(d -> (Boolean) ((ChromeDriver) d).executeScript(consistent));
        // a narrower window cuts lines that were whole: they become buttons, and whole again when it widens
        org.openqa.selenium.Dimension size = browser.manage().window().getSize();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(760, size.getHeight()));
        waiting().until(d -> (Boolean) ((ChromeDriver) d).executeScript(consistent));
        browser.manage().window().setSize(size);
        waiting().until(d -> (Boolean) ((ChromeDriver) d).executeScript(consistent));
        screenshot("ui-query-ids.png");

        // a reload runs the query again; a card's search is a new history entry, and Back shows the typed one
        browser.navigate().refresh();
        list = awaitResult("");
        assertThat(queryStripIds()).containsExactly(a, b);
        c = cardIds().get(0);
        browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
        awaitResult(list);
        assertThat(browser.getCurrentUrl()).endsWith("/#id=" + c);
        assertThat(browser.findElement(By.id("query-ids")).getAttribute("value")).isEqualTo(c);
        browser.navigate().back();
        waiting().until(d -> queryStripIds().equals(List.of(a, b)));
        assertThat(browser.getCurrentUrl()).endsWith("/#ids=" + a + "," + b);
        browser.findElement(By.id("browse")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Archive: "));
        assertThat(browser.getCurrentUrl()).endsWith("/");
        // ids holding a comma or a slash survive the link: split before decoding
        assertThat(((ChromeDriver) browser).executeScript("history.replaceState(null, '', '#ids=' + ['a,b', 'c/d e']"
                + ".map(hashId).join(',')); return hashIds()")).isEqualTo(List.of("a,b", "c/d e"));
    }

    @Test
    void controlsThatCannotApplyToTheIndexAreHidden() throws IOException {
        // pictures without dates, footprints or pairs, as UC Merced's
        try (DeqServer undated = DeqServer.start(TestIndex.undatedIndex(), ServerConfig.local(0))) {
            browser.get("http://127.0.0.1:" + undated.port() + "/");
            waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#grid .card"), 3));
            waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("change-query")));
            for (String id : List.of("date-filters", "season-filters", "bbox-filter", "footprints")) {
                assertThat(browser.findElement(By.id(id)).isDisplayed()).as(id).isFalse();
            }
            // no patch has a flag: nothing to leave out; no patch has a time: no "no date" on every card
            assertThat(browser.findElement(By.id("flag-filters")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.cssSelector("#grid .card .date")).getText()).isEmpty();
            browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
            awaitResult("");
            assertThat(browser.findElement(By.id("export-geojson")).isEnabled()).isFalse();
            assertThat(browser.findElement(By.id("export-csv")).isEnabled()).isTrue();
            screenshot("ui-undated.png");
        }
    }

    @Test
    void aThumbnailWhoseArchiveFileIsGoneSaysWhy() throws IOException {
        Path index = TestIndex.copy(TestIndex.noPairsIndex(), TestIndex.scratch("deq-gone-").resolve("index"));
        TestIndex.addLikeFirst(index, Map.of("gone", index.resolveSibling("moved-away.png").toString()));
        try (DeqServer moved = DeqServer.start(index, ServerConfig.local(0))) {
            browser.get("http://127.0.0.1:" + moved.port() + "/");
            WebElement img = waiting().until(d -> d.findElement(By.cssSelector("#grid .card[data-id='gone'] img.thumb")));
            ((ChromeDriver) browser).executeScript("arguments[0].scrollIntoView()", img); // loaded lazily
            // the API's 409, in the card's picture and title, rather than a broken image with no reason
            String reason = "the archive file of patch 'gone' is gone (moved or deleted since it was indexed)";
            waiting().until(d -> reason.equals(img.getAttribute("data-error")));
            waiting().until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0", img));
            assertThat(img.getAttribute("src")).startsWith("data:image/png");
            assertThat(img.getAttribute("title")).isEqualTo("Search for places like gone (" + reason + ")");
            screenshot("ui-thumbnail-gone.png");
        }
    }

    @Test
    void phoneWidthScrollsNoPageSideways() throws IOException {
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            openSearchPage();
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats"), "patches"));
            assertNoSidewaysScroll();
            WebElement aside = browser.findElement(By.tagName("aside"));
            WebElement main = browser.findElement(By.tagName("main"));
            // stacked: the filters above the results, not beside them
            assertThat(main.getRect().getY()).isGreaterThanOrEqualTo(aside.getRect().getY() + aside.getRect().getHeight());
            assertThat(browser.findElement(By.id("stats")).getAttribute("title")).contains(TestIndex.PATCHES + " patches");
            assertThat(browser.findElement(By.cssSelector("aside .hint")).getText()).contains("click a patch in the results");
            browser.findElement(By.cssSelector("#grid .card img.thumb")).click();
            awaitResult("");
            assertNoSidewaysScroll();
            screenshot("ui-phone.png");
            // a query run from the sidebar, far above the results, brings them into view
            browser.findElement(By.id("browse-pairs")).click();
            waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#grid .card.pair"), 0));
            WebElement pair = browser.findElement(By.cssSelector("#grid .card.pair"));
            String after = pair.getAttribute("data-after");
            ((ChromeDriver) browser).executeScript("window.scrollTo(0, 0)");
            browser.findElement(By.id("before-id")).sendKeys(pair.getAttribute("data-before"));
            browser.findElement(By.id("after-id")).sendKeys(after);
            browser.findElement(By.id("search-change")).click();
            waiting().until(d -> d.findElement(By.id("grid")).getAttribute("data-result-id").endsWith(">" + after));
            assertInView(browser.findElement(By.id("status")));

            browser.get("http://127.0.0.1:" + server.port() + "/eval.html");
            waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#atk polyline"), 3));
            assertNoSidewaysScroll();
            screenshot("ui-eval-phone.png");
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    private static void assertNoSidewaysScroll() {
        List<?> widths = (List<?>) ((ChromeDriver) browser).executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth]");
        assertThat(((Number) widths.get(0)).longValue()).as("scrollWidth against innerWidth " + widths.get(1))
                .isLessThanOrEqualTo(((Number) widths.get(1)).longValue());
    }

    @Test
    void evaluationPageShowsTheApiErrorOfStats() {
        Map<String, Object> script = ((ChromeDriver) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                fetchWrapper("return url === '/api/stats' ? " + apiError(503, "stats refused by the test") + " : real(url, options);")));
        try {
            browser.get("http://127.0.0.1:" + server.port() + "/eval.html");
            waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
            assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("stats refused by the test");
            assertThat(browser.findElement(By.id("summary")).getText()).isEmpty();
        } finally {
            ((ChromeDriver) browser).executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script.get("identifier")));
        }
    }

    @Test
    void evaluationPageDrawsItsPlots() throws IOException {
        // a slow evaluation counts its seconds
        Map<String, Object> script = ((ChromeDriver) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                fetchWrapper("return url !== '/api/eval' ? real(url, options)"
                        + " : new Promise((done) => setTimeout(done, 1600)).then(() => real(url, options));")));
        try {
            browser.get("http://127.0.0.1:" + server.port() + "/eval.html");
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "… 1 s"));
        } finally {
            ((ChromeDriver) browser).executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script.get("identifier")));
        }
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#atk polyline"), 3));
        assertThat(browser.findElements(By.cssSelector("#pr circle"))).hasSizeGreaterThan(3);
        // the precision-recall chart's recall axis ends at the largest recall rounded up to 1, 2 or 5 times a power of ten
        double recall = ((Number) ((ChromeDriver) browser).executeScript(
                "return fetch('/api/eval').then((r) => r.json()).then((b) => Math.max(...b.points.map((p) => p.recall)))")).doubleValue();
        double power = Math.pow(10, Math.floor(Math.log10(recall)));
        double end = DoubleStream.of(1, 2, 5, 10).map(m -> m * power).filter(n -> n >= recall * (1 - 1e-9)).findFirst().orElseThrow();
        List<WebElement> ticks = browser.findElements(By.cssSelector("#pr text.x-tick"));
        assertThat(Double.parseDouble(ticks.get(ticks.size() - 1).getText())).isCloseTo(end, within(1e-9));
        assertThat(browser.findElements(By.cssSelector("#figures tr"))).hasSizeGreaterThan(4);
        assertThat(browser.findElement(By.id("summary")).getText()).contains(TestIndex.PATCHES + " queries");
        // one main landmark holds the page's content
        assertThat(browser.findElements(By.cssSelector("main #summary, main #pr, main #figures"))).hasSize(3);
        screenshot("ui-eval.png");
    }
}
