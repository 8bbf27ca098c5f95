package io.promoagent.example.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.query.ReadBudget;
import io.promoagent.core.query.ReadPricing;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.app.ReadLimits;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser, Debian's headless Chromium driven through chromedriver, on a laptop screen of
 * 1366 × 768: a marketer reads VIP customers and proposes a 25% VIP discount, an approver approves it from
 * the card without scrolling, and the new promotion is active; an approver opens the link of an approval
 * request and approves from it; every view passes axe-core with no serious or critical violation. The tests
 * share one engine and run in order (the approval link's e-mail is proposed after the first test's).
 *
 * <p>Runs with {@code -Dpromoagent.fullTests=true} (the {@code full} profile), which also makes a missing
 * browser or axe-core a failure; otherwise it is skipped. Screenshots go to {@code target/screenshots/}.
 */
@EnabledIfSystemProperty(named = "promoagent.fullTests", matches = "true",
        disabledReason = "the browser test runs in the full profile (-Pfull, or -Dpromoagent.fullTests=true) after .ci/setup")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("promoagent.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("promoagent.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** axe-core's browser bundle, which .ci/setup installs with npm. */
    static final Path AXE = Path.of(System.getProperty("promoagent.axe", "../../.ci/tools/node_modules/axe-core/axe.min.js"));

    static PromotionEngine engine;
    static AgentServer server;
    static WebDriver browser;
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the full test profile needs Debian's chromium and chromium-driver at "
                    + CHROMIUM + " and " + CHROMEDRIVER + "; run .ci/setup");
        }
        if (!Files.isReadable(AXE)) {
            throw new IllegalStateException("the full test profile needs axe-core at " + AXE + "; run .ci/setup");
        }
        engine = PromotionEngine.start(EngineOptions.demo(42, 300, LocalDate.parse("2026-03-15")));
        server = AgentServer.start(engine, "127.0.0.1", 0);
        profile = Files.createTempDirectory("promo-agent-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the flags that let Chromium run here as root with no network but loopback
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1366,768");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    static void ask(String text) {
        WebElement input = browser.findElement(By.id("ask"));
        input.sendKeys(text, Keys.ENTER);
    }

    /** The last answered agent message (not a pending one). */
    static WebElement lastReply(int repliesBefore) {
        waiting().until(d -> replies().size() > repliesBefore);
        List<WebElement> all = replies();
        return all.get(all.size() - 1);
    }

    static List<WebElement> replies() {
        return browser.findElements(By.cssSelector("#transcript li.message.agent:not(.pending):not(.intro)"));
    }

    static void signedInAs(String user) {
        waiting().until(ExpectedConditions.textToBe(By.id("connection"), "Connected as " + user));
    }

    static void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(1)
    void aMarketerProposesADiscountThatAnApproverApproves() throws Exception {
        browser.get(server.uri() + "?user=marketer#signin=" + engine.signInSecret());
        signedInAs("marketer");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the message box has the focus").isEqualTo("ask");
        assertThat(browser.findElement(By.cssSelector("link[rel='icon']")).getAttribute("href")).endsWith("favicon.svg");
        // a browser window filling a laptop screen of 1366 × 768: the page itself gets less, as on a real laptop
        assertThat(browser.manage().window().getSize()).as("a laptop screen").isEqualTo(new Dimension(1366, 768));
        assertThat(viewport().get(0)).isEqualTo(1366L);
        assertThat(viewport().get(1)).isLessThanOrEqualTo(768L);

        ask("Show VIP customers");
        WebElement customers = lastReply(0);
        WebElement table = customers.findElement(By.cssSelector(".table-block table.data"));
        assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSizeBetween(1, 10);
        assertThat(customers.findElement(By.cssSelector(".meta")).getText()).as("the progress events, counted")
                .containsPattern("query: \\d+ records in [\\d,]+ ms");
        assertThat(table.findElement(By.cssSelector("thead")).getText()).contains("Name").contains("Total spent");
        assertThat(table.findElement(By.cssSelector("tbody")).getText()).contains("VIP");
        // sorting by a column is a click on its heading
        WebElement spent = table.findElement(By.cssSelector("th[data-column='total_spent']"));
        spent.findElement(By.tagName("button")).click();
        assertThat(spent.getAttribute("aria-sort")).isEqualTo("descending");
        screenshot("1-vip-customers");

        ask("Create 25% VIP discount");
        WebElement proposal = lastReply(1);
        WebElement card = proposal.findElement(By.cssSelector(".approval"));
        assertThat(card.findElement(By.cssSelector(".badge.status")).getText()).isEqualToIgnoringCase("pending");
        String facts = card.findElement(By.cssSelector(".facts")).getText();
        assertThat(facts).as("the numbers that decide, as people read them")
                .containsIgnoringCase("Audience").contains("17 customers").containsIgnoringCase("Reachable")
                .containsIgnoringCase("Expected redemptions").containsIgnoringCase("Expected cost")
                .containsPattern("\\d+% of the [\\d,]+\\.\\d\\d budget")
                .doesNotContainIgnoringCase("record affected").doesNotContainPattern("0\\.\\d{3,}");
        assertThat(card.findElement(By.cssSelector(".warning")).getText()).contains("Check before approving").contains("stack");
        assertThat(card.getText()).as("the details wait until asked for").doesNotContainIgnoringCase("Comparable promotions")
                .contains("Waiting for a person with the approver role");
        assertThat(card.findElements(By.cssSelector("button.approve"))).as("a marketer cannot approve").isEmpty();
        String code = definition(open(card, "Promotion details"), "Code");
        assertThat(code).startsWith("VIP25");
        WebElement estimate = open(card, "How the estimate was made");
        assertThat(estimate.getText()).containsIgnoringCase("Comparable promotions").containsPattern("median \\d+(\\.\\d)?%")
                .doesNotContain("0.0394");
        scrollTo(estimate);
        screenshot("2-promotion-card-details");
        close(card, "How the estimate was made");
        close(card, "Promotion details");

        new Select(browser.findElement(By.id("user"))).selectByValue("approver");
        signedInAs("approver");
        WebElement approve = waiting().until(ExpectedConditions.elementToBeClickable(card.findElement(By.cssSelector("button.approve"))));
        assertThat(inView(approve)).as("the Approve button is in view at 1366 × 768 without scrolling").isTrue();
        assertThat(inView(card.findElement(By.cssSelector("button.reject")))).as("and so is Reject").isTrue();
        scrollTo(card);
        screenshot("2-promotion-card");
        assertNoSeriousAccessibilityViolations("the promotion card");
        card.findElement(By.cssSelector("input.reason")).sendKeys("within budget");
        approve.click();
        WebElement applied = lastReply(2);
        assertThat(applied.getText()).contains("Approved. Applied: Create promotion");
        waiting().until(d -> card.findElement(By.cssSelector(".badge.status")).getText().equalsIgnoreCase("applied"));
        assertThat(card.findElements(By.cssSelector("button.rollback"))).as("a rollback is offered after apply").hasSize(1);
        assertThat(card.findElement(By.cssSelector("button.copy")).getAttribute("data-copy"))
                .as("the full id is offered for copying").isEqualTo(card.getAttribute("data-approval-id")).hasSize(36);

        ask("show active promotions");
        WebElement promotions = lastReply(3);
        WebElement promotionsTable = promotions.findElement(By.cssSelector(".table-block"));
        assertThat(allPages(promotionsTable)).contains(code);

        browser.findElement(By.id("tab-audit")).click();
        WebElement verified = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#panel-audit .verified")));
        assertThat(verified.getText()).contains("Chain intact");
        assertThat(browser.findElements(By.cssSelector("#panel-audit tbody tr"))).isNotEmpty();
        screenshot("3-audit");
        WebElement auditTable = browser.findElement(By.cssSelector("#panel-audit table"));
        WebElement auditPanel = browser.findElement(By.id("panel-audit"));
        assertThat(auditTable.getRect().getX() + auditTable.getRect().getWidth())
                .as("the audit table is not cut at 1366 px").isLessThanOrEqualTo(auditPanel.getRect().getX() + auditPanel.getRect().getWidth());
        assertNoSeriousAccessibilityViolations("the audit view");
        browser.findElement(By.id("tab-approvals")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#panel-approvals .approval-row")));
        screenshot("3-approved");

        new Select(browser.findElement(By.id("user"))).selectByValue("marketer");
        signedInAs("marketer");
        ask("Email john@example.com about new promotion");
        WebElement email = lastReply(4).findElement(By.cssSelector(".approval"));
        assertThat(email.findElement(By.cssSelector(".facts")).getText()).containsIgnoringCase("Recipients").containsIgnoringCase("Subject");
        scrollTo(email);
        screenshot("4-email-card");
        open(email, "Sample e-mail");
        assertThat(email.findElement(By.cssSelector(".envelope")).getText()).contains("john@example.com");
        assertNoSeriousAccessibilityViolations("the e-mail card");

        ask("show customers with big orders");
        WebElement question = lastReply(5).findElement(By.cssSelector(".clarification"));
        assertThat(question.findElements(By.cssSelector("button.chip"))).isNotEmpty();
        scrollTo(lastReply(5));
        screenshot("5-clarification");
        assertNoSeriousAccessibilityViolations("a clarification");
        screenshot("promo-agent");
    }

    @Test
    @Order(3)
    void anApproverApprovesFromTheLinkOfAnApprovalRequest() throws Exception {
        String secret = engine.signInSecret();
        browser.get(server.uri() + "?user=marketer#signin=" + secret);
        signedInAs("marketer");
        assertThat(browser.getCurrentUrl()).as("the secret leaves the address bar").doesNotContain(secret).doesNotContain("#");
        ask("Email john@example.com about new promotion");
        String id = lastReply(0).findElement(By.cssSelector(".approval")).getAttribute("data-approval-id");
        assertThat(id).hasSize(36);

        // the link of the approval request (PAGE#approval=ID, here with the 8-character prefix), opened in the
        // tab the sign-in link signed in: the page opens as the approver with the card in view
        browser.get(server.uri() + "#approval=" + id.substring(0, 8));
        signedInAs("approver");
        WebElement linked = lastReply(0);
        assertThat(linked.getText()).contains("Approval request " + id.substring(0, 8) + " from your link, proposed by marketer");
        WebElement card = linked.findElement(By.cssSelector(".approval"));
        assertThat(card.getAttribute("data-approval-id")).isEqualTo(id);
        assertThat(card.findElement(By.cssSelector(".badge.status")).getText()).isEqualToIgnoringCase("pending");
        assertThat(card.findElement(By.cssSelector(".facts")).getText()).containsIgnoringCase("Recipients").containsIgnoringCase("Subject");
        WebElement approve = waiting().until(ExpectedConditions.elementToBeClickable(card.findElement(By.cssSelector("button.approve"))));
        waiting().until(d -> inView(approve));
        assertThat(inView(card.findElement(By.cssSelector("button.reject")))).as("Reject is in view too").isTrue();
        assertThat(browser.getCurrentUrl()).as("the fragment is taken out of the address bar").doesNotContain("#");
        screenshot("6-approval-link");
        assertNoSeriousAccessibilityViolations("an approval opened from its link");
        approve.click();
        assertThat(lastReply(1).getText()).contains("Approved.");
        waiting().until(d -> card.findElement(By.cssSelector(".badge.status")).getText().equalsIgnoreCase("applied"));
        assertThat(card.findElements(By.cssSelector("button.approve"))).isEmpty();

        // a link naming no approval, opened in the same page (only the fragment changes): a clear message
        browser.get(server.uri() + "#approval=00000000");
        WebElement unknown = lastReply(2);
        assertThat(unknown.findElement(By.cssSelector(".block.error")).getText())
                .contains("The link names approval 00000000, but there is no such approval");

        // the sign-in and the approval in one link, in a tab not signed in yet: the decided approval, no buttons
        js().executeScript("sessionStorage.clear()");
        browser.get(server.uri() + "?user=analyst#signin=" + secret + "&approval=" + id);
        signedInAs("approver");
        WebElement again = lastReply(0).findElement(By.cssSelector(".approval"));
        assertThat(again.findElement(By.cssSelector(".badge.status")).getText()).isEqualToIgnoringCase("applied");
        assertThat(again.findElements(By.cssSelector("button.approve"))).isEmpty();
        assertThat(browser.getCurrentUrl()).doesNotContain(secret);

        // the approval link first, in a tab not signed in: the page keeps it until the sign-in link is opened
        js().executeScript("sessionStorage.clear()");
        browser.get(server.uri() + "#approval=" + id);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "and the approval opens"));
        browser.get(server.uri() + "#signin=" + secret);
        signedInAs("approver");
        assertThat(lastReply(0).findElement(By.cssSelector(".approval")).getAttribute("data-approval-id")).isEqualTo(id);
        assertThat(browser.getCurrentUrl()).doesNotContain(secret);

        // John Smith, a VIP, has the e-mail now: e-mailing the VIP customers about it leaves him out and says so
        new Select(browser.findElement(By.id("user"))).selectByValue("marketer");
        signedInAs("marketer");
        ask("Email VIP customers about new promotion");
        WebElement vips = lastReply(1).findElement(By.cssSelector(".approval"));
        assertThat(vips.findElement(By.cssSelector(".warning")).getText()).contains("Check before approving")
                .contains("1 already received it").contains("resend");
        scrollTo(vips);
        screenshot("7-email-already-received");
        assertThat(vips.findElement(By.cssSelector(".facts")).getText()).doesNotContainIgnoringCase("Already received");
    }

    @Test
    @Order(4)
    void aTablesExplainButtonAndAHeldReadsConfirmButton() throws Exception {
        // an engine whose customers table (60 items) counts as large: a scan of it waits for the person
        try (PromotionEngine guarded = PromotionEngine.start(EngineOptions.demo(42, 60, LocalDate.parse("2026-03-15"))
                .withReadLimits(new ReadLimits(ReadBudget.DEFAULTS.withLargeTableItems(10), ReadPricing.defaults())));
             AgentServer guardedServer = AgentServer.start(guarded, "127.0.0.1", 0)) {
            browser.get(guardedServer.uri() + "?user=marketer#signin=" + guarded.signInSecret());
            signedInAs("marketer");

            ask("Show VIP customers");
            WebElement vips = lastReply(0);
            vips.findElement(By.cssSelector(".table-block button.explain")).click();
            WebElement explained = lastReply(1);
            assertThat(explained.getText()).contains("How this table is read (nothing was read to explain it)")
                    .contains("1. dynamodb:").contains("read units").doesNotContain("\"entity\"");
            assertThat(explained.findElements(By.cssSelector(".table-block"))).isEmpty();

            // an insight table is computed from reads of its own; one of them (the uplift's audience) scans the
            // customers, which this engine counts as large, so the tool waits for the person first. Confirmed,
            // its table's Explain explains each read, reading nothing
            ask("which promotion performed best");
            lastReply(2).findElement(By.cssSelector(".held-read button.approve")).click();
            WebElement performance = lastReply(3);
            assertThat(performance.getText()).contains("Confirmed.");
            performance.findElement(By.cssSelector(".table-block button.explain")).click();
            WebElement reads = lastReply(4);
            assertThat(reads.getText()).contains("How this table is read (nothing was read to explain it)")
                    .contains("reads, in the order they were made")
                    .contains("Read 1 of ").contains("promotions: every promotion's terms, status and budget")
                    .contains("orders: the orders carrying").contains("Together: ").doesNotContain("\"entity\"");
            assertThat(reads.findElements(By.cssSelector(".table-block"))).isEmpty();

            ask("list all customers");
            WebElement held = lastReply(5).findElement(By.cssSelector(".held-read"));
            assertThat(held.getText()).contains("Not read yet: it scans the whole customers table (60 items")
                    .contains("Scan on customers");
            assertThat(lastReply(5).findElements(By.cssSelector(".table-block"))).isEmpty();
            scrollTo(held);
            screenshot("8-held-read");
            assertNoSeriousAccessibilityViolations("a read held for confirmation");
            held.findElement(By.cssSelector("button.approve")).click();
            WebElement read = lastReply(6);
            assertThat(read.getText()).contains("Confirmed.");
            assertThat(read.findElement(By.cssSelector(".table-block .count")).getText()).isEqualTo("60 rows");
        }
    }

    @Test
    @Order(2)
    void keepsMarkupInRepliesAsTextAndShowsEMailsOnlyInASandboxedFrame() throws Exception {
        try (AgentServer hostile = AgentServer.start(new FakeBackend(), "127.0.0.1", 0)) {
            browser.get(hostile.uri() + "?user=marketer#signin=" + FakeBackend.SIGN_IN_SECRET);
            signedInAs("marketer");
            String title = browser.getTitle();

            ask("Email John about the new promotion");
            WebElement reply = lastReply(0);
            WebElement card = reply.findElement(By.cssSelector(".approval"));
            open(card, "Sample e-mail");
            WebElement frame = card.findElement(By.cssSelector("iframe.email-frame"));

            assertThat(reply.findElement(By.cssSelector(".table-block tbody")).getText()).isEqualTo(FakeBackend.HOSTILE);
            assertThat(card.findElement(By.tagName("h3")).getText()).contains("<script>");
            assertThat(card.findElement(By.cssSelector(".envelope")).getText()).contains("VIP25 <b>is here</b>");
            assertThat(frame.getAttribute("sandbox")).as("no scripts, no same origin").isEmpty();
            assertThat(browser.findElements(By.cssSelector(".chat img, .chat script, .chat a[href*='unsubscribe']")))
                    .as("no markup from a reply became part of the page").isEmpty();
            browser.switchTo().frame(frame);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Hello John");
            browser.switchTo().defaultContent();
            Thread.sleep(300); // give any script that did slip through the time to run
            assertThat(browser.getTitle()).isEqualTo(title);
            scrollTo(frame);
            screenshot("4-email-sandboxed");
        }
    }

    @Test
    @Order(4)
    void aPredictionIsACardWithNothingToDecideAndAWhatIfASideBySideTable() throws Exception {
        browser.get(server.uri() + "?user=marketer#signin=" + engine.signInSecret());
        signedInAs("marketer");
        long pending = engine.approvals().stream().filter(a -> a.status() == io.promoagent.core.approval.ApprovalStatus.PENDING)
                .count();

        int before = replies().size();
        ask("predict how a 20% VIP discount would perform");
        WebElement predicted = lastReply(before);
        WebElement card = predicted.findElement(By.cssSelector(".approval.preview"));
        assertThat(card.findElement(By.cssSelector(".badge.status")).getText()).isEqualToIgnoringCase("Not proposed");
        assertThat(card.findElements(By.cssSelector("button.approve"))).as("nothing to approve").isEmpty();
        String facts = card.findElement(By.cssSelector(".facts")).getText();
        // each figure as its interval, or why it cannot be predicted
        assertThat(facts).containsAnyOf("80 % interval, most likely", "Not predicted");
        assertThat(engine.approvals().stream().filter(a -> a.status() == io.promoagent.core.approval.ApprovalStatus.PENDING)
                .count()).isEqualTo(pending);
        scrollTo(card);
        screenshot("8-prediction");

        ask("what if 15% instead");
        WebElement compared = lastReply(before + 1);
        // on its side, as the terminal prints it: one row per figure, the alternatives across
        WebElement table = compared.findElement(By.cssSelector(".side-by-side table.data"));
        assertThat(table.findElement(By.cssSelector("thead")).getText()).contains("as predicted").contains("what if, predicted");
        assertThat(table.findElement(By.cssSelector("tbody")).getText()).contains("Discount value 20 15");
        scrollTo(table);
        screenshot("9-what-if");

        card = compared.findElement(By.cssSelector(".approval.preview"));
        card.findElement(By.xpath(".//button[contains(., 'Create it')]")).click();
        WebElement created = lastReply(before + 2);
        WebElement proposal = created.findElement(By.cssSelector(".approval:not(.preview)"));
        assertThat(proposal.findElement(By.cssSelector("h3")).getText()).contains("15% off");
        assertThat(engine.approvals().stream().filter(a -> a.status() == io.promoagent.core.approval.ApprovalStatus.PENDING)
                .count()).isEqualTo(pending + 1);
        scrollTo(proposal);
        screenshot("10-created-from-prediction");
    }

    static void scrollTo(WebElement element) {
        js().executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
    }

    /** Opens a disclosure of an approval card by its summary and returns it. */
    static WebElement open(WebElement card, String summary) {
        WebElement details = disclosure(card, summary);
        if (details.getAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        return details;
    }

    static void close(WebElement card, String summary) {
        WebElement details = disclosure(card, summary);
        if (details.getAttribute("open") != null) {
            details.findElement(By.tagName("summary")).click();
        }
    }

    static WebElement disclosure(WebElement card, String summary) {
        return card.findElements(By.cssSelector("details")).stream()
                .filter(d -> d.findElement(By.tagName("summary")).getText().startsWith(summary)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + summary + "' in the approval card"));
    }

    /** Width and height of the page's viewport, in CSS pixels. */
    @SuppressWarnings("unchecked")
    static List<Long> viewport() {
        return (List<Long>) js().executeScript("return [window.innerWidth, window.innerHeight]");
    }

    /** Whether an element is wholly visible: inside the viewport and inside every scrolled box around it. */
    static boolean inView(WebElement element) {
        return (Boolean) js().executeScript("""
                const r = arguments[0].getBoundingClientRect();
                if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth) return false;
                for (let box = arguments[0].parentElement; box; box = box.parentElement) {
                  const style = getComputedStyle(box);
                  if (!/(auto|scroll|hidden)/.test(style.overflowY + style.overflowX)) continue;
                  const b = box.getBoundingClientRect();
                  if (r.top < b.top || r.bottom > b.bottom || r.left < b.left || r.right > b.right) return false;
                }
                return true;""", element);
    }

    static JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    /**
     * Runs axe-core over the page as it is and fails on any serious or critical violation, naming each with
     * the elements it concerns. The sandboxed e-mail frames are left out: axe cannot run inside a frame
     * without scripts, and their content is the e-mail's, checked by the e-mail module's tests.
     */
    static void assertNoSeriousAccessibilityViolations(String what) throws Exception {
        String axe = Files.readString(AXE);
        js().executeScript(axe);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = js().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {iframes: false, resultTypes: ['violations']})
                  .then(r => done(JSON.stringify(r.violations)))
                  .catch(e => done('axe failed: ' + e));""");
        assertThat(String.valueOf(result)).as("axe-core ran").startsWith("[");
        JsonNode violations = new ObjectMapper().readTree(String.valueOf(result));
        List<String> serious = new java.util.ArrayList<>();
        List<String> minor = new java.util.ArrayList<>();
        for (JsonNode v : violations) {
            StringBuilder line = new StringBuilder(v.path("impact").asText() + " " + v.path("id").asText() + ": "
                    + v.path("help").asText());
            for (JsonNode node : v.path("nodes")) {
                line.append("\n    ").append(node.path("target")).append(" ").append(node.path("failureSummary").asText().replace('\n', ' '));
            }
            String impact = v.path("impact").asText();
            (impact.equals("serious") || impact.equals("critical") ? serious : minor).add(line.toString());
        }
        System.out.println("axe-core on " + what + ": " + serious.size() + " serious or critical, " + minor.size()
                + " minor or moderate violations" + (minor.isEmpty() ? "" : "\n  " + String.join("\n  ", minor)));
        assertThat(serious).as("serious or critical axe-core violations on " + what).isEmpty();
    }

    /** The value next to a term in the card's readable preview. */
    static String definition(WebElement card, String term) {
        for (WebElement dt : card.findElements(By.cssSelector("dl.json > dt"))) {
            if (dt.getText().equals(term)) {
                return dt.findElement(By.xpath("following-sibling::dd[1]")).getText();
            }
        }
        throw new AssertionError("no '" + term + "' in the approval card");
    }

    /** The text of every page of a paginated table. */
    static String allPages(WebElement tableBlock) {
        StringBuilder text = new StringBuilder(tableBlock.findElement(By.tagName("tbody")).getText());
        List<WebElement> next = tableBlock.findElements(By.cssSelector("button[aria-label='Next page']"));
        while (!next.isEmpty() && next.get(0).isEnabled()) {
            next.get(0).click();
            text.append('\n').append(tableBlock.findElement(By.tagName("tbody")).getText());
        }
        return text.toString();
    }
}
