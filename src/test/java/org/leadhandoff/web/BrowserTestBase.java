package org.leadhandoff.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.leadhandoff.lead.ActivityInput;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadInput;
import org.leadhandoff.lead.LeadService;
import org.leadhandoff.scoring.ActivityType;
import org.leadhandoff.support.TestMail;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a random port with the job executor on, driven by the system's headless
 * Chromium through the system's ChromeDriver (never a downloaded one). One Spring context for
 * every browser test. Without Chromium or ChromeDriver the tests are skipped, except under
 * {@code CI=true}, where that fails. NORMAL-priority leads get a 3-second accept SLA here, so
 * escalations happen for real; demo requests (HIGH) keep an hour.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:browser;MODE=LEGACY;DB_CLOSE_DELAY=-1",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "spring.datasource.generate-unique-name=true",
    "camunda.bpm.metrics.db-reporter-activate=false",
    // seconds-long SLAs that must breach in real time whatever the hour: wall-clock calendar
    "handoff.sla.calendar=24x7",
    "handoff.demo.history=false",
    "handoff.sla.policies.NORMAL.accept=PT3S",
    "logging.level.org.camunda.bpm.engine.jobexecutor=warn"
})
public abstract class BrowserTestBase {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final AtomicInteger LEADS = new AtomicInteger();

    protected static WebDriver driver;
    private static Path profile;

    @LocalServerPort
    protected int port;
    @Autowired
    protected LeadService leads;
    @Autowired
    protected TaskService tasks;
    @Autowired
    protected RuntimeService runtime;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::port);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        File chromium = new File(setting("CHROMIUM_BIN", "/usr/bin/chromium"));
        File chromedriver = new File(setting("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
        if (!chromium.canExecute() || !chromedriver.canExecute()) {
            String message = "Browser tests need Chromium at " + chromium + " and ChromeDriver at " + chromedriver
                    + " (apt-get install chromium chromium-driver, or set CHROMIUM_BIN / CHROMEDRIVER_BIN)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        profile = Files.createTempDirectory("lead-handoff-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void freshBrowserAndHandoffs() {
        viewport(1280, 800);
        driver.get(url("/login"));
        driver.manage().deleteAllCookies();
        // each test starts without open handoffs, so "at the top of the inbox" means what it says
        List<String> running = runtime.createProcessInstanceQuery().list().stream().map(p -> p.getId()).toList();
        if (!running.isEmpty()) {
            runtime.deleteProcessInstances(running, "browser test clean-up", true, true);
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    protected WebElement visible(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    protected void signIn(String user) {
        driver.get(url("/login"));
        visible(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting().until(d -> !d.getCurrentUrl().contains("/login"));
    }

    protected void signOut() {
        driver.findElement(By.cssSelector("form.signout button")).click();
        waiting().until(ExpectedConditions.urlContains("/login?logout"));
    }

    /** A demo request from a new grade-A lead in Germany (HIGH priority, team emea), handed to {@code rep}. */
    protected Lead highLeadFor(String rep) {
        for (int attempt = 0; attempt < 6; attempt++) {
            int n = LEADS.incrementAndGet();
            Lead lead = leads.upsert(new LeadInput("browser-" + n + "-" + System.nanoTime(),
                    "lena" + n + "." + System.nanoTime() + "@northwind.example", "Lena", "Novak " + n, "Northwind " + n,
                    "VP Operations", 800, "Software", "DE", "web", "+49 30 555 0" + n)).lead();
            leads.recordActivity(lead.id(), new ActivityInput(null, ActivityType.PRICING_PAGE_VIEW, null, Map.of()));
            leads.recordActivity(lead.id(), new ActivityInput(null, ActivityType.DEMO_REQUESTED, null, Map.of()));
            Task task = openTask(lead);
            if (rep.equals(task.getAssignee())) {
                return leads.get(lead.id());
            }
        }
        throw new IllegalStateException("round robin never handed a lead to " + rep);
    }

    /** A lead that qualifies on its score alone (NORMAL priority: 3 s to accept here), team amer. */
    protected Lead normalLead() {
        int n = LEADS.incrementAndGet();
        Lead lead = leads.upsert(new LeadInput("browser-n-" + n + "-" + System.nanoTime(),
                "fin" + n + "." + System.nanoTime() + "@contoso.example", "Fin", "Walker " + n, "Contoso " + n,
                "Engineer", 300, "Software", "US", "web", null)).lead();
        leads.recordActivity(lead.id(), new ActivityInput(null, ActivityType.TRIAL_STARTED, null, Map.of()));
        leads.recordActivity(lead.id(), new ActivityInput(null, ActivityType.WEBINAR_ATTENDED, null, Map.of()));
        return leads.get(lead.id());
    }

    /** The lead's open task, once the job executor has created it. */
    protected Task openTask(Lead lead) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            String handoff = leads.get(lead.id()).handoffId();
            return handoff == null ? null : tasks.createTaskQuery().processInstanceId(handoff).singleResult();
        }, t -> t != null);
    }

    /** Emulates a screen of that size (CSS pixels) without resizing the window around it. */
    protected void viewport(int width, int height) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /**
     * Saves the page as a desktop (1280×800) and a phone (390×844) would show it, under
     * target/screenshots, and checks the phone layout needs no sideways scrolling.
     */
    protected void screenshots(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS.resolve("390x844"));
        save(SCREENSHOTS.resolve(name + ".png"));
        viewport(390, 844);
        try {
            waiting().until(d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript(
                    "return document.documentElement.clientWidth === 390")));
            Object overflow = ((ChromeDriver) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("sideways scrolling of %s at 390 px", name).isLessThanOrEqualTo(0);
            save(SCREENSHOTS.resolve("390x844").resolve(name + ".png"));
        } finally {
            viewport(1280, 800);
        }
    }

    private static void save(Path file) throws IOException {
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
