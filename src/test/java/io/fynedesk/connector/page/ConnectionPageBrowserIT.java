package io.fynedesk.connector.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.simulator.notion.Fault;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import io.fynedesk.connector.support.TicketEvents;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Drives the connection page in headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}) against the connector and the simulators: connect with a token, toggle, pick
 * the target database, see a failure with its hint, retry it; needs-reconnect, OAuth and
 * disconnect. Skipped (JUnit assumption) where {@code /usr/bin/chromium} is absent.
 */
class ConnectionPageBrowserIT extends AbstractConnectorIT {

  // Debian's packages; -Dchromium.binary=/nowhere shows the skip.
  static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

  /** Where the screenshot of the page with a failure goes (the README shows docs/'s copy). */
  static final Path SCREENSHOT = Path.of("target/connection-page.png");

  static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  static WebDriver driver;

  @Autowired Environment env;

  NotionWorld world;
  String org;
  String jwt;

  // Checked before each test, so a machine without Chromium reports every test as skipped.
  static void startBrowser() {
    if (driver != null) {
      return;
    }
    assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": apt-get install chromium");
    assumeTrue(
        Files.isExecutable(CHROMEDRIVER),
        "no " + CHROMEDRIVER + ": apt-get install chromium-driver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1000,1500",
        // Reserved test hosts (RFC 2606), e.g. the test profile's OAuth redirect URI, fail at once.
        "--host-resolver-rules=MAP *.test ~NOTFOUND",
        "--lang=en-US");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
  }

  @BeforeEach
  void setUp() {
    startBrowser();
    world = newWorld();
    org = newOrg();
    jwt = TestJwt.admin(org);
  }

  @AfterEach
  void clearFaults() {
    if (world != null) {
      world.sim.clearFaults();
    }
  }

  @Test
  void connectTogglePickSeeAFailureAndRetry() throws Exception {
    open();
    waitFor(() -> text("state").equals("Not connected"));
    assertThat(driver.getCurrentUrl()).as("JWT dropped from the address").doesNotContain("token=");
    assertThat(byId("configured").isDisplayed()).isFalse();

    // Connect with an internal integration token.
    byCss("#token-details summary").click();
    byId("token-input").sendKeys(world.token);
    byId("token-connect").click();
    waitFor(() -> text("state").equals("Connected"));
    assertThat(text("workspace")).startsWith("Acme ").contains("internal token");
    assertThat(byId("token-input").getAttribute("value")).isEmpty();
    assertThat(hints("toggle-off")).anyMatch(h -> h.contains("master toggle"));

    // Master and hand-off toggles.
    byId("toggle-enabled").click();
    waitFor(() -> saved("enabled"));
    assertThat(connection().path("enabled").asBoolean()).isTrue();
    assertThat(hints("toggle-off")).noneMatch(h -> h.contains("master toggle"));
    byId("toggle-handoff").click();
    waitFor(() -> saved("ticketHandoff.enabled"));
    assertThat(connection().at("/settings/ticketHandoff/enabled").asBoolean()).isTrue();
    waitFor(() -> hints("not-configured").stream().anyMatch(h -> h.startsWith("Ticket → Notion")));

    // Pick the target database among what Notion shared (…/resources), then save.
    waitFor(() -> options("handoff-ds").contains("Tickets · database"));
    assertThat(options("handoff-ds")).doesNotContain("Private notes · page");
    new Select(byId("handoff-ds")).selectByVisibleText("Tickets · database");
    byId("handoff-save").click();
    waitFor(() -> saved("ticketHandoff"));
    assertThat(connection().at("/settings/ticketHandoff/dataSourceId").asText())
        .isEqualTo(world.dataSourceId);
    assertThat(hints("not-configured")).isEmpty();

    // A ticket whose page Notion refuses (object_not_found: not shared) lands in the failures.
    world.sim.inject(Fault.status(404, "object_not_found").on("POST", "/v1/pages").times(1));
    String ticketId = "T-" + UUID.randomUUID();
    String subject = "Browser " + ticketId;
    postTicket(ticketId, subject);
    // The page polls health every 5 s (rows are re-rendered, so each lookup is fresh).
    waitFor(() -> !failureRows().isEmpty());
    waitFor(
        () -> {
          String row = failureRows().get(0).getText();
          return row.contains("ticket_handoff")
              && row.contains(ticketId)
              && row.contains("object_not_found");
        });
    waitFor(() -> !hints("not-shared").isEmpty());
    // Health and the failure list are two calls; the next poll shows both once the failure is in.
    waitFor(
        () ->
            text("health-failures").equals("1")
                && text("health-last-error").contains("object_not_found"));
    screenshot();

    // Retry: the page is created once and the failure goes away.
    waitFor(
        () -> {
          byCss("#failure-rows button.retry").click();
          return true;
        });
    waitFor(() -> failureRows().isEmpty() && byId("failures-empty").isDisplayed());
    await().atMost(Duration.ofSeconds(30)).until(() -> pagesTitled(subject) == 1);
    assertThat(http().get("/api/v1/connections/notion/failures", jwt).json().get("items"))
        .isEmpty();
  }

  @Test
  void revokedAccessShowsTheReconnectHintThenReconnectOAuthHintAndDisconnect() {
    connect(org, world);
    world.sim.revokeToken(world.token);
    // The page lists what Notion shared; Notion now answers 401, so the connection needs a
    // reconnect.
    open();
    waitFor(() -> text("state").equals("Needs reconnect"));
    assertThat(hints("needs-reconnect")).singleElement().asString().contains("Reconnect");
    assertThat(byId("oauth-connect").getText()).isEqualTo("Reconnect");

    // OAuth Connect: without notion.oauth.* the connector answers oauth_not_configured and the
    // page says to use a token instead; with it, the browser goes to Notion's authorize page.
    byId("oauth-connect").click();
    if (env.getProperty("notion.oauth.client-id", "").isBlank()) {
      waitFor(() -> byId("oauth-hint").isDisplayed());
      assertThat(text("oauth-hint")).contains("oauth_not_configured", "integration token");
      assertThat(byId("token-details").getAttribute("open")).isNotNull();
    } else {
      // The window goes to Notion's authorize URL (the simulator's consent stand-in), which carries
      // the signed state; the simulator may redirect on to the redirect URI with that state.
      String authorize = env.getProperty("notion.oauth.authorize-url", "");
      String redirect = env.getProperty("notion.oauth.redirect-uri", "");
      waitFor(
          () -> {
            String url = driver.getCurrentUrl();
            return (url.startsWith(authorize) || (!redirect.isBlank() && url.startsWith(redirect)))
                && url.contains("state=");
          });
      open();
      waitFor(() -> text("state").equals("Needs reconnect"));
      byCss("#token-details summary").click();
    }

    // Reconnect with a rotated token.
    String rotated = world.token + "_rotated";
    world.sim.token(rotated, world.workspaceId, world.botId, world.kbPageId);
    byId("token-input").sendKeys(rotated);
    byId("token-connect").click();
    waitFor(() -> text("state").equals("Connected"));
    assertThat(hints("needs-reconnect")).isEmpty();

    // Disconnect asks first, then removes the connection.
    byId("disconnect").click();
    waitFor(() -> byId("disconnect-confirm").isDisplayed());
    byId("disconnect-yes").click();
    waitFor(() -> text("state").equals("Not connected"));
    assertThat(connection().path("state").asText()).isEqualTo("disconnected");
    assertThat(byId("configured").isDisplayed()).isFalse();
  }

  @Test
  void aWorkspaceAnotherOrgHasIsRefusedWithItsHint() {
    connect(newOrg(), world);
    open();
    waitFor(() -> text("state").equals("Not connected"));
    byCss("#token-details summary").click();
    byId("token-input").sendKeys(world.token);
    byId("token-connect").click();
    waitFor(() -> byId("token-error").isDisplayed());
    assertThat(hints("workspace-conflict")).singleElement().asString().contains("disconnect first");
    assertThat(text("state")).isEqualTo("Not connected");
    assertThat(connection().path("state").asText()).isEqualTo("disconnected");
  }

  @Test
  void withoutTheJwtThePageIsSignedOutUntilFyneDeskHandsOneOver() {
    driver.get("about:blank");
    driver.get("http://127.0.0.1:" + port + "/ui/notion");
    waitFor(() -> text("state").equals("Signed out"));
    assertThat(text("banner")).contains("session");
    assertThat(byId("connect-panel").isDisplayed()).isFalse();
    // FyneDesk refreshes the JWT by changing the frame's fragment (or by postMessage).
    ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", "#token=" + jwt);
    waitFor(() -> text("state").equals("Not connected"));
    assertThat(byId("banner").isDisplayed()).isFalse();
    assertThat(byId("connect-panel").isDisplayed()).isTrue();
    assertThat(driver.getCurrentUrl()).doesNotContain("token=");
  }

  @Test
  void anAgentsJwtIsRefusedByTheApiAndThePageSaysAdminsOnly() {
    jwt = TestJwt.agent(org);
    open();
    waitFor(() -> text("state").equals("Not allowed"));
    assertThat(text("banner")).contains("admins");
    assertThat(byId("connect-panel").isDisplayed()).isFalse();
  }

  // ---- helpers ----

  void open() {
    // From about:blank, so the page loads anew (a fragment-only change would not reload it).
    driver.get("about:blank");
    driver.get("http://127.0.0.1:" + port + "/ui/notion#token=" + jwt);
  }

  static ConditionFactory patiently() {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreException(WebDriverException.class);
  }

  static void waitFor(Callable<Boolean> condition) {
    patiently().until(condition);
  }

  static WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  static WebElement byCss(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  static String text(String id) {
    return byId(id).getText().trim();
  }

  static boolean saved(String key) {
    return driver.findElements(By.cssSelector("[data-status-for=\"" + key + "\"]")).stream()
        .anyMatch(e -> e.getText().equals("Saved"));
  }

  // Read in one script call: the page re-renders hints and options while it polls, so element
  // references fetched one by one could go stale between two WebDriver commands.
  @SuppressWarnings("unchecked")
  static List<String> hints(String kind) {
    return (List<String>)
        ((JavascriptExecutor) driver)
            .executeScript(
                "if (document.getElementById('hints').hidden) return [];"
                    + " return [...document.querySelectorAll('#hint-list li')]"
                    + ".filter(e => e.dataset.hint === arguments[0]).map(e => e.textContent);",
                kind);
  }

  @SuppressWarnings("unchecked")
  static List<String> options(String selectId) {
    return (List<String>)
        ((JavascriptExecutor) driver)
            .executeScript(
                "return [...document.getElementById(arguments[0]).options].map(o => o.text);",
                selectId);
  }

  static List<WebElement> failureRows() {
    return driver.findElements(By.cssSelector("#failure-rows tr"));
  }

  JsonNode connection() {
    return http().get("/api/v1/connections/notion", jwt).json();
  }

  void postTicket(String ticketId, String subject) throws Exception {
    String json = TicketEvents.ticketJson(ticketId, subject, "high", "open");
    Simulators.fynedesk().addTicket(org, MAPPER.readValue(json, Ticket.class));
    assertThat(new TicketEvents(http()).post("ticket.created", org, json).status()).isEqualTo(202);
  }

  long pagesTitled(String subject) {
    return world.sim.rows(world.dataSourceId).stream()
        .filter(
            id ->
                subject.equals(
                    world.sim.page(id).at("/properties/Name/title/0/plain_text").asText()))
        .count();
  }

  static void screenshot() throws Exception {
    ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.createDirectories(SCREENSHOT.getParent());
    Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
  }
}
