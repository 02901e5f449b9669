package org.dndguard.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.logging.LogType;
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

/**
 * A headless Chromium driven through chromedriver, both the machine's own (Debian's {@code chromium}
 * and {@code chromium-driver}): nothing is downloaded at test time. Test classes that open one are
 * marked {@code @ExtendWith(BrowserAvailable.class)}: skipped, and said so at the build's end, where
 * the browser is missing, except on CI, where {@link #open} fails and says what to install.
 * {@code -Ddnd.test.chromium} and {@code -Ddnd.test.chromedriver} point at other binaries (a
 * missing path shows what a fresh machine does).
 */
final class Browser implements AutoCloseable {

  /**
   * The process engine of the cockpit tests' application. A name of its own: Camunda's webapps
   * find engines by name in a registry of the JVM, and a test that closes another application
   * whose engine is also called {@code default} (the cluster suite does) takes that name away from
   * every other application in the same test run, whose Cockpit then answers 500.
   */
  static final String ENGINE = "cockpitTests";
  /** The properties of the cockpit tests' application; the same for every class, so the context is shared. */
  static final String ENGINE_PROPERTY = "camunda.bpm.process-engine-name=" + ENGINE;

  static final Path CHROMIUM = Path.of(System.getProperty("dnd.test.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("dnd.test.chromedriver", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  // generous: CI shares two cores with other builds, and Cockpit loads a few megabytes of script
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final WebDriver driver;
  private final String baseUrl;

  private Browser(WebDriver driver, String baseUrl) {
    this.driver = driver;
    this.baseUrl = baseUrl;
  }

  /** A fresh browser (own profile under target/) for the application at the base URL. */
  static Browser open(String baseUrl) throws IOException {
    assertThat(BrowserAvailable.installed())
        .as("The Cockpit browser tests drive the system's headless Chromium: %s and %s are missing. Install the"
            + " Debian packages 'chromium' and 'chromium-driver' (apt-get install -y chromium chromium-driver);"
            + " .ci/run does so.", CHROMIUM, CHROMEDRIVER)
        .isTrue();
    Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target", "chromium")), "profile-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1600,1000", "--user-data-dir=" + profile.toAbsolutePath());
    // the page's console goes to target/screenshots with each test's last screenshot, for diagnosis
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    return new Browser(new ChromeDriver(service, options), baseUrl);
  }

  /** Logs in through Cockpit's own login page. */
  Browser logIn(String user, String password) {
    driver.get(baseUrl + "/camunda/app/cockpit/" + ENGINE + "/");
    waitFor(By.cssSelector("input[ng-model='username']")).sendKeys(user);
    driver.findElement(By.cssSelector("input[type='password']")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type='submit']")).click();
    waitFor(By.cssSelector(".Header, [cam-widget-header]"));
    new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("input[ng-model='username']")).isEmpty());
    return this;
  }

  /** Opens a Cockpit route, e.g. {@code #/process-instance/42/runtime}. */
  Browser cockpit(String hashRoute) {
    driver.get(baseUrl + "/camunda/app/cockpit/" + ENGINE + "/" + hashRoute);
    return this;
  }

  WebElement waitFor(By locator) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  WebElement waitForPresent(By locator) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
  }

  void waitUntil(By locator, String text) {
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
  }

  void waitUntilGone(By locator) {
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(locator));
  }

  List<WebElement> all(By locator) {
    return driver.findElements(locator);
  }

  WebDriver driver() {
    return driver;
  }

  /** Saves a screenshot under target/screenshots and returns its path. */
  Path screenshot(String name) throws IOException {
    Path file = Files.createDirectories(SCREENSHOTS).resolve(name + ".png");
    Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    return Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Keeps what the page showed and logged last, for a failed test's diagnosis. */
  void keepLast(String name) {
    try {
      screenshot(name + "-last");
      String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .map(entry -> entry.getLevel() + " " + entry.getMessage()).collect(Collectors.joining("\n"));
      Files.writeString(SCREENSHOTS.resolve(name + "-console.log"), driver.getCurrentUrl() + "\n" + console);
      Files.writeString(SCREENSHOTS.resolve(name + "-page.html"), driver.getPageSource());
    } catch (IOException | RuntimeException e) {
      // diagnosis only: never hide the test's own outcome
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
