package org.aftersaleshub.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A benchmark, not a test (its name does not end in Test, so {@code verify} never runs it): the dashboard's
 * page-ready time in Debian's headless Chromium (the browser tests' setup) against the 1,000,000-ticket PostgreSQL
 * schema {@code console_bench} that {@code bench/console-kpi/kpi-bench.sh setup} builds (docs/console-benchmark.md).
 * The hub runs on it with profile prod, Flyway off (the schema was built from the migrations by psql) and no routes,
 * on a random port; an admin signs in, then the default dashboard (last 30 days, all regions) is loaded
 * {@code bench.runs} times (10) after one warm-up. Per load, from the navigation's start: the HTML's last byte
 * (server-side figures for the tiles), DOMContentLoaded, the figures' fetch for the charts
 * ({@code /console/dashboard/data}, when the page does not carry them) and page ready (the charts drawn: {@code #charts[data-ready]} set, seen by a
 * MutationObserver installed before the page's scripts), and the top parts' stock fragment htmx loads after the
 * page (waited for before the next load). Prints a table; run:
 * {@code bench/console-kpi/page-ready.sh} (see there).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
class DashboardPageReadyBench {

    static final int RUNS = Integer.getInteger("bench.runs", 10);
    static final String SCHEMA = System.getProperty("bench.schema", "console_bench");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        Path dir = Files.createTempDirectory("hub-bench-");
        r.add("hub.data-dir", dir::toString);
        r.add("spring.datasource.url", () -> HubTestDatabases.POSTGRES_URL + "?currentSchema=" + SCHEMA);
        r.add("spring.datasource.username", () -> HubTestDatabases.POSTGRES_USER);
        r.add("spring.datasource.password", () -> "");
        r.add("spring.flyway.enabled", () -> "false");
        r.add("hub.field-page.link-key", () -> "bench-field-page-link-key-" + UUID.randomUUID());
        r.add("hub.demo.enabled", () -> "false");
        r.add("hub.demo.mocks.enabled", () -> "false");
        r.add("hub.erp.connector", () -> "");
        String routes = Files.createDirectories(dir.resolve("routes")).toString(); // no routes: not about delivery
        r.add("hub.routes-dir", () -> routes);
        r.add("spring.artemis.mode", () -> "embedded");
        r.add("spring.artemis.embedded.enabled", () -> "true");
        r.add("server.servlet.session.cookie.secure", () -> "false"); // plain http on 127.0.0.1
    }

    @LocalServerPort
    int port;
    @Autowired
    ConsoleUsers users;

    /** Records when #charts gets data-ready (dashboard.js sets it once every chart is drawn). */
    /**
     * Records when #charts gets data-ready (dashboard.js sets it once every chart is drawn): installed before any of
     * the page's scripts run, watching the whole document, since the charts may be drawn before DOMContentLoaded.
     */
    private static final String OBSERVER = "new MutationObserver(function () {"
            + " var c = document.getElementById('charts');"
            + " if (c && c.getAttribute('data-ready') === 'true' && !window.__ready) { window.__ready = performance.now(); }"
            + " }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });";

    @Test
    void run() throws Exception {
        String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "bench-password-" + UUID.randomUUID();
        users.create(name, password, ConsoleRole.ADMIN, List.of(), List.of(), "bench");
        Path profile = Files.createTempDirectory("bench-chromium-");
        ChromeDriver driver = HeadlessChromium.start(profile);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", OBSERVER));
            String base = "http://127.0.0.1:" + port;
            driver.get(base + "/console/login");
            driver.findElement(By.id("username")).sendKeys(name);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.id("login-submit")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                    By.id("who")));
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i <= RUNS; i++) {
                driver.get(base + "/console/dashboard");
                new WebDriverWait(driver, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(20))
                        .until(d -> ((JavascriptExecutor) d).executeScript("return window.__ready || null") != null);
                // the top parts' stock (an htmx fragment after the page) too, so its request is not still running
                // on the server while the next load is measured
                new WebDriverWait(driver, Duration.ofSeconds(120)).until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#top-parts-box thead")));
                @SuppressWarnings("unchecked")
                List<Number> t = (List<Number>) driver.executeScript("var n = performance.getEntriesByType("
                        + "'navigation')[0]; function r(p) { var e = performance.getEntriesByType('resource')"
                        + ".filter(function (e) { return e.name.indexOf(p) >= 0; })[0]; return e ? e : null; }"
                        + " var f = r('/console/dashboard/data'); var s = r('/console/dashboard/part-stock');"
                        + " return [n.responseEnd, n.domContentLoadedEventEnd, f ? f.responseEnd - f.startTime : -1,"
                        + " window.__ready, s ? s.responseEnd : -1];");
                if (i > 0) { // the first load warms the JVM, the pool and PostgreSQL's cache
                    rows.add(t.stream().mapToDouble(Number::doubleValue).toArray());
                }
                System.out.printf("run %d: html %.0f ms, DOMContentLoaded %.0f ms, data fetch %.0f ms, ready %.0f ms,"
                        + " part stock %.0f ms%n", i, t.get(0).doubleValue(), t.get(1).doubleValue(),
                        t.get(2).doubleValue(), t.get(3).doubleValue(), t.get(4).doubleValue());
            }
            String[] names = {"HTML received (tiles computed on the server)", "DOMContentLoaded",
                    "figures fetch for the charts (/console/dashboard/data)", "**page ready (charts drawn)**",
                    "top parts with their stock (htmx fragment after the page)"};
            StringBuilder out = new StringBuilder("| from navigation start | p50 | p95 | max |\n|---|---|---|---|\n");
            for (int c = 0; c < names.length; c++) {
                List<Double> v = new ArrayList<>();
                for (double[] r : rows) {
                    v.add(r[c]);
                }
                Collections.sort(v);
                if (v.get(v.size() - 1) < 0) {
                    out.append("| ").append(names[c]).append(" | – | – | – |\n"); // no such request
                    continue;
                }
                out.append(String.format("| %s | %.0f ms | %.0f ms | %.0f ms |%n", names[c], pct(v, 0.5),
                        pct(v, 0.95), v.get(v.size() - 1)));
            }
            System.out.println("PAGE-READY " + RUNS + " runs\n" + out);
        } finally {
            driver.quit();
        }
    }

    /** Nearest-rank percentile, as bench/console-kpi/summarize.py. */
    private static double pct(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
