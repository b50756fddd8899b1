package org.aftersaleshub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console in a real browser: Debian's headless Chromium driven by its chromedriver (.ci/run installs both; a
 * missing browser fails these tests, it does not skip them). Every test saves a screenshot under
 * target/console-screenshots/.
 */
class ConsoleBrowserTest extends ConsoleTestSupport {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static WebDriver driver;
    static Path profile;

    @Autowired
    ApiKeyService keys;

    @BeforeAll
    static void startBrowser() throws IOException {
        profile = Files.createTempDirectory("console-chromium-");
        driver = HeadlessChromium.start(profile);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void freshSession() {
        receiver.answer(200, 0);
        driver.get(base() + "/console/login");
        driver.manage().deleteAllCookies();
    }

    @AfterEach
    void screenshot(TestInfo test) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
        for (String canary : CANARIES) {
            assertThat(driver.getPageSource()).doesNotContain(canary);
        }
    }

    WebDriverWait waiting() {
        // htmx may swap an element between finding it and reading it: look again instead of failing
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    void signIn(String username) {
        driver.get(base() + "/console/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    @Test
    void everyRoleSignsInAndOnlyThoseWhoMayChangeSeeReplay() {
        jdbc.update("insert into dead_letter (event_id, ticket_id, event_type, route_id, source_queue, target,"
                + " idempotency_key, payload, error, attempts, status, created_at) values (?, null, 'TicketCreated',"
                + " 'outbound-webhook', 'hub.events::outbound-webhook', 'flaky', 'k-roles', '{}', 'HTTP 500', 2,"
                + " 'OPEN', current_timestamp)", UUID.randomUUID().toString());
        for (ConsoleRole role : ConsoleRole.values()) {
            driver.manage().deleteAllCookies();
            String name = user(role, List.of("华东"));
            signIn(name);
            assertThat(text("who")).contains(name);
            driver.get(base() + "/console/dead-letters");
            boolean replayShown = !driver.findElements(By.id("bulk-replay")).isEmpty();
            assertThat(replayShown).as(role + " sees bulk replay").isEqualTo(role != ConsoleRole.VIEWER);
        }
    }

    @Test
    void aWrongPasswordStaysOnTheLoginWithAMessage() {
        String name = user(ConsoleRole.ADMIN, List.of());
        driver.get(base() + "/console/login");
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys("not-the-password");
        driver.findElement(By.id("login-submit")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
        assertThat(text("login-error")).isEqualTo("用户名或密码错误");
    }

    @Test
    void findATicketAndOpenItsTimeline() {
        Ticket t = ticket("东北", "<img src=x onerror=alert(1)>");
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveriesTo("good", t.id()).size() == 1);
        signIn(user(ConsoleRole.ADMIN, List.of()));
        driver.findElement(By.id("nav-tickets")).click();
        driver.findElement(By.id("f-number")).sendKeys(t.number());
        WebElement before = driver.findElement(By.id("results"));
        driver.findElement(By.id("f-search")).click();
        // htmx swaps the results only: wait until the old results are gone (the first list may already show just
        // this ticket) and the new list holds just this ticket
        waiting().until(ExpectedConditions.stalenessOf(before));
        waiting().until(d -> d.findElements(By.cssSelector("#ticket-table tbody tr")).size() == 1
                && d.findElement(By.id("ticket-table")).getText().contains(t.number()));
        driver.findElement(By.linkText(t.number())).click();

        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
        assertThat(text("ticket-number")).isEqualTo(t.number());
        assertThat(text("ticket-description")).isEqualTo("<img src=x onerror=alert(1)>");
        String timeline = text("timeline");
        assertThat(timeline).contains("状态变更").contains("外部调用").contains("outbound-webhook → good")
                .contains("SUCCESS");
    }

    @Test
    void replayADeadLetterAfterConfirmingHowManyAndSeeItsDelivery() {
        receiver.answer("flaky", 500);
        Ticket t = ticket("华南", "replay me");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from dead_letter where ticket_id = ? and status = 'OPEN'", Long.class, t.id()) == 1);
        receiver.answer("flaky", 200);

        signIn(user(ConsoleRole.SUPERVISOR, List.of("华南")));
        driver.get(base() + "/console/dead-letters?ticketId=" + t.id());
        assertThat(driver.findElement(By.cssSelector(".letter")).getText()).contains("HTTP 500").contains(t.id());
        driver.findElement(By.id("bulk-replay")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-text")));
        assertThat(text("confirm-text")).startsWith("将按以下筛选条件重放 1 条");
        driver.findElement(By.id("confirm-replay")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
        assertThat(text("flash")).isEqualTo("已重放 1 条死信");

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveriesTo("flaky", t.id()).size() == 1);
        driver.get(base() + "/console/tickets/" + t.id());
        waiting().until(d -> d.findElement(By.id("timeline")).getText().contains("outbound-webhook → flaky"));
        assertThat(driver.findElements(By.cssSelector("#timeline tr.outcome-SUCCESS")).stream()
                .map(r -> r.getText()).filter(s -> s.contains("flaky")).toList()).hasSize(1);
        assertThat(jdbc.queryForList("select actor from audit_log where action = 'dead-letter.bulk-replay'",
                String.class)).anySatisfy(a -> assertThat(a).startsWith("console:supervisor-"));
    }

    @Test
    void theDashboardShowsTheNumbersOfTheKpiApi() throws Exception {
        String region = "测试-" + UUID.randomUUID().toString().substring(0, 6);
        Ticket fixed = ticket(region, "fixed at once");
        ticket(region, "waiting");
        ticket(region, "waiting too");
        tickets.assign(fixed.id(), "eng-1", "test");
        tickets.changeStatus(fixed.id(), TicketStatus.ACCEPTED, null, "eng-1");
        tickets.changeStatus(fixed.id(), TicketStatus.IN_PROGRESS, null, "eng-1");
        tickets.changeStatus(fixed.id(), TicketStatus.RESOLVED, "replaced the fan", "eng-1");
        // met its response deadline; answered the survey with 4 (the SLA and satisfaction charts have data)
        due(fixed, java.time.Instant.now().plusSeconds(3600));
        jdbc.update("insert into ticket_survey (ticket_id, requested_at, expires_at, answered_at, score) values"
                + " (?, current_timestamp, current_timestamp, current_timestamp, 4)", fixed.id());

        String key = keys.create("dashboard-check", List.of(ApiScope.TICKETS_READ), "test").key();
        String q = "?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8);
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
                + "/api/v1/kpis" + q)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode k = new ObjectMapper().readTree(api.body());
        assertThat(k.get("ticketsCreated").asLong()).isEqualTo(3);
        assertThat(k.get("firstFix").get("resolved").asLong()).isEqualTo(1);

        signIn(user(ConsoleRole.VIEWER, List.of()));
        driver.get(base() + "/console/dashboard" + q);
        waiting().until(ExpectedConditions.attributeToBe(By.id("charts"), "data-ready", "true"));
        assertThat(text("kpi-created")).isEqualTo(k.get("ticketsCreated").asText());
        assertThat(text("kpi-first-fix-counts")).isEqualTo(k.get("firstFix").get("firstTime").asLong() + " / "
                + k.get("firstFix").get("resolved").asLong());
        assertThat(text("kpi-first-fix")).isEqualTo("100.0%");
        assertThat(text("kpi-first-response-p50")).isNotEqualTo("–");
        assertThat(k.get("firstResponse").get("count").asLong()).isEqualTo(1);
        assertThat(driver.findElements(By.cssSelector("#chart-per-day canvas"))).isNotEmpty();
        assertThat(k.at("/sla/response/met").asLong()).isEqualTo(1);
        assertThat(text("kpi-sla-response")).isEqualTo("100.0%");
        assertThat(text("kpi-satisfaction")).isEqualTo(String.format("%.2f", k.at("/satisfaction/average").asDouble()));
        assertThat(driver.findElements(By.cssSelector("#chart-sla canvas"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#chart-satisfaction canvas"))).isNotEmpty();
        assertThat(text("engineer-load")).isEmpty();
    }

    /**
     * The drill-down: a click on the breached segment of the SLA chart, the breached link of the SLA tile and the
     * low-score link of the satisfaction tile each open the ticket list with just the tickets behind that figure.
     */
    @Test
    void theSlaChartAndTheTilesOpenTheTicketsBehindThem() {
        String region = "钻取-" + UUID.randomUUID().toString().substring(0, 6);
        java.time.Instant now = java.time.Instant.now();
        Ticket onTime = ticket(region, "accepted in time");
        Ticket late = ticket(region, "not accepted, past due");
        Ticket free = ticket(region, "no deadline");
        tickets.assign(onTime.id(), "eng-1", "test");
        tickets.changeStatus(onTime.id(), TicketStatus.ACCEPTED, null, "eng-1");
        due(onTime, now.plusSeconds(3600));
        due(late, now.minusSeconds(60));
        for (Object[] a : new Object[][] {{onTime, 5}, {late, 1}}) {
            jdbc.update("insert into ticket_survey (ticket_id, requested_at, expires_at, answered_at, score) values"
                    + " (?, current_timestamp, current_timestamp, current_timestamp, ?)", ((Ticket) a[0]).id(), a[1]);
        }
        String dashboard = base() + "/console/dashboard?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8);
        signIn(user(ConsoleRole.VIEWER, List.of()));

        // the chart: response row (category 0), stacked met 1 | breached 1 — the middle of the breached segment
        driver.get(dashboard);
        waiting().until(ExpectedConditions.attributeToBe(By.id("charts"), "data-ready", "true"));
        WebElement chart = driver.findElement(By.id("chart-sla"));
        // a pointer move needs its target in the viewport
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'center'});", chart);
        @SuppressWarnings("unchecked")
        List<Number> px = (List<Number>) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return echarts.getInstanceByDom(arguments[0]).convertToPixel({gridIndex: 0}, [1.5, 0]);", chart);
        org.openqa.selenium.Dimension size = chart.getSize();
        // the bars grow in (ECharts' opening animation): a click before the segment is there hits nothing, so click
        // again until the list opens
        waiting().until(d -> {
            if (!d.getCurrentUrl().contains("/console/dashboard")) {
                return d.getCurrentUrl().contains("sla=BREACHED");
            }
            new org.openqa.selenium.interactions.Actions(d).moveToElement(chart,
                    px.get(0).intValue() - size.getWidth() / 2, px.get(1).intValue() - size.getHeight() / 2).click()
                    .perform();
            return d.getCurrentUrl().contains("sla=BREACHED");
        });
        assertThat(driver.getCurrentUrl()).contains("slaKind=RESPONSE");
        assertThat(listed()).containsExactly(late.number());

        // the tile's links
        driver.get(dashboard);
        assertThat(text("sla-response-met")).endsWith(" 1");
        driver.findElement(By.id("sla-response-none")).click();
        waiting().until(ExpectedConditions.urlContains("sla=NONE"));
        assertThat(listed()).containsExactly(free.number());
        driver.get(dashboard);
        driver.findElement(By.id("satisfaction-low")).click();
        waiting().until(ExpectedConditions.urlContains("satisfactionMax=2"));
        assertThat(listed()).containsExactly(late.number());
    }

    /** The ticket numbers the list shows. */
    private List<String> listed() {
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-table")));
        return driver.findElements(By.cssSelector("#ticket-table a.ticket-link")).stream().map(WebElement::getText)
                .toList();
    }

    /** A response deadline as the SLA engine would set it: on the ticket and its KPI fact row (TicketKpiFacts). */
    private void due(Ticket t, java.time.Instant response) {
        jdbc.update("update ticket set response_due_at = ? where id = ?", java.sql.Timestamp.from(response), t.id());
        jdbc.update("update ticket_kpi set response_due_at = ? where ticket_id = ?", java.sql.Timestamp.from(response),
                t.id());
    }

    @Test
    void theLanguageSwitchesToEnglishAndBack() {
        signIn(user(ConsoleRole.VIEWER, List.of()));
        driver.get(base() + "/console/tickets");
        assertThat(text("nav-tickets")).isEqualTo("工单");
        driver.findElement(By.id("lang")).click();
        waiting().until(d -> d.findElement(By.id("nav-tickets")).getText().equals("Tickets"));
        assertThat(driver.getCurrentUrl()).endsWith("/console/tickets");
        assertThat(text("nav-dead-letters")).isEqualTo("Dead letters");
        driver.findElement(By.id("lang")).click();
        waiting().until(d -> d.findElement(By.id("nav-tickets")).getText().equals("工单"));
    }
}
