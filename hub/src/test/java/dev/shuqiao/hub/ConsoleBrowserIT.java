package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.client.model.GrantRole;
import dev.shuqiao.client.model.GrantStatus;
import dev.shuqiao.client.model.ListGrantsOptions;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.hub.internal.console.ConsoleTestSupport;
import dev.shuqiao.hub.internal.console.ConsoleTestSupport.Credentials;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * installed by {@code .ci/run}), driven through WebDriver: sign in with password and TOTP, search
 * and filter the catalog, apply, approve, refuse with a reason, revoke, a form without its CSRF
 * token, lockout. Each checks what the page shows and what the hub stored; screenshots of the main
 * pages go to {@code target/console-screenshots/}.
 *
 * <p>Without a browser the class is skipped on a developer's machine, but fails when the browser is
 * required: system property {@code shuqiao.test.browser.required=true} (what {@code .ci/run} sets)
 * or a non-empty {@code CI} environment variable — so CI cannot go green without having run it.
 */
class ConsoleBrowserIT {

  static final String REQUIRED_PROPERTY = "shuqiao.test.browser.required";
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  private static ChromeDriver browser;
  private static WebDriverWait wait;
  private static Path profile;

  private final HubFixture fixture = HubFixture.h2();
  private final DepartmentIdentity health = fixture.register("柳州市卫生健康委员会", KeyAlgorithm.ED25519);
  private final DepartmentIdentity police = fixture.register("柳州市公安局", KeyAlgorithm.ECDSA_P256);
  private final String db = fixture.databaseUrl(0);

  @BeforeAll
  static void startBrowser() throws IOException {
    File chromium = new File(System.getProperty("shuqiao.test.chromium", "/usr/bin/chromium"));
    File driver = new File(System.getProperty("shuqiao.test.chromedriver", "/usr/bin/chromedriver"));
    boolean present = chromium.canExecute() && driver.canExecute();
    boolean required = "true".equals(System.getProperty(REQUIRED_PROPERTY))
        || !System.getenv().getOrDefault("CI", "").isBlank();
    if (!present) {
      String why = "no browser: " + chromium + " and " + driver + " must exist (apt-get install chromium chromium-driver)";
      if (required) {
        throw new AssertionError(why + "; the browser tests are required here (" + REQUIRED_PROPERTY + " or CI)");
      }
      Assumptions.abort(why);
    }
    profile = Files.createTempDirectory("shuqiao-chromium");
    ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1366,900",
        "--lang=zh-CN", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @BeforeEach
  void freshBrowserState() {
    browser.manage().deleteAllCookies();
  }

  @org.junit.jupiter.api.AfterEach
  void closeHub() {
    fixture.close();
  }

  private Credentials official(String name, String displayName, DepartmentIdentity department, String... roles) {
    return ConsoleTestSupport.enrol(db, name, displayName, TestCity.code(department), fixture.clock.instant(), roles);
  }

  private String url(String path) {
    return fixture.hub().uri() + "/console" + path;
  }

  private void signIn(Credentials who, String password) {
    browser.get(url("/sign-in"));
    browser.findElement(By.id("username")).sendKeys(who.username());
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("code")).sendKeys(who.code(fixture.clock.instant()));
    submit(browser.findElement(By.id("code")));
  }

  /** Submits {@code element}'s form (Enter in a field, as a keyboard user would) and waits for the next page. */
  private void submit(WebElement element) {
    WebElement page = browser.findElement(By.tagName("html"));
    element.submit();
    wait.until(ExpectedConditions.stalenessOf(page));
    wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  private void click(WebElement button) {
    WebElement page = browser.findElement(By.tagName("html"));
    button.click();
    wait.until(ExpectedConditions.stalenessOf(page));
  }

  private void screenshot(String name) throws IOException {
    Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  private String registerConditional(String name) {
    String code = HubApiContract.nextCode();
    fixture.client(health).createResources(Descriptors.catalog(Descriptors.conditional(code, TestCity.code(health), name)));
    return code;
  }

  @Test
  void signIn_withPasswordAndTotp_thenSearchAndFilterTheCatalog() throws IOException {
    String birth = registerConditional("出生医学证明信息");
    String code2 = HubApiContract.nextCode();
    fixture.client(health).createResources(Descriptors.catalog(
        Descriptors.unconditional(code2, TestCity.code(health), "新生儿疫苗接种记录")));
    Credentials clerk = official("li.na", "李娜", police, "VIEWER");

    browser.get(url("/"));
    assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
    screenshot("01-sign-in");
    signIn(clerk, clerk.password());

    assertThat(browser.getCurrentUrl()).endsWith("/console/catalog");
    assertThat(browser.findElement(By.id("whoami")).getText()).contains("李娜");
    assertThat(browser.findElement(By.id("total")).getText()).contains("2");
    screenshot("02-catalog");

    WebElement q = browser.findElement(By.id("q"));
    q.sendKeys("出生医学");
    submit(q);
    assertThat(browser.findElement(By.id("total")).getText()).contains("1");
    assertThat(browser.findElement(By.id("results")).getText()).contains("出生医学证明信息", birth)
        .doesNotContain("疫苗");

    browser.get(url("/catalog"));
    click(browser.findElement(By.id("facet-sharingType")).findElement(By.partialLinkText("无条件共享")));
    assertThat(browser.findElement(By.id("total")).getText()).contains("1");
    assertThat(browser.findElement(By.id("results")).getText()).contains("新生儿疫苗接种记录").doesNotContain("出生医学");
    assertThat(browser.findElement(By.id("facet-provider")).getText()).contains("柳州市卫生健康委员会 (1)");

    click(browser.findElement(By.linkText("新生儿疫苗接种记录")));
    assertThat(browser.findElement(By.id("summary")).getText()).contains(code2, "无条件共享");
    assertThat(browser.findElement(By.id("versions")).getText()).contains("REGISTER");
    screenshot("03-resource");
  }

  @Test
  void apply_thenTheProviderApprovesOne_refusesOneWithAReason_andRevokes() throws IOException {
    String birth = registerConditional("出生医学证明信息");
    Credentials requester = official("zhao.lei", "赵磊", police, "APPROVER");
    Credentials approver = official("wang.fang", "王芳", health, "APPROVER");

    // The consumer applies from the resource page.
    signIn(requester, requester.password());
    browser.get(url("/resource?code=" + java.net.URLEncoder.encode(birth, java.nio.charset.StandardCharsets.UTF_8)));
    WebElement form = browser.findElement(By.id("apply"));
    form.findElement(By.cssSelector("input[value='证明编号']")).click();
    browser.findElement(By.id("purpose")).sendKeys("出生一件事户籍登记");
    browser.findElement(By.id("legalBasis")).sendKeys("《户口登记条例》第七条");
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("until")),
        LocalDate.now().plusDays(60).toString());
    screenshot("04-apply");
    submit(browser.findElement(By.id("purpose")));
    assertThat(browser.findElement(By.id("notice")).getText()).contains("申请已提交");
    assertThat(browser.findElement(By.id("mine")).getText()).contains(birth, "待审批");
    List<Grant> stored = new java.util.ArrayList<>();
    fixture.client(police).listGrants(ListGrantsOptions.of(GrantRole.CONSUMER)).forEach(stored::add);
    assertThat(stored).singleElement().satisfies(g -> {
      assertThat(g.items()).containsExactly("证明编号");
      assertThat(g.purpose()).isEqualTo("出生一件事户籍登记");
      assertThat(g.status()).isEqualTo(GrantStatus.PENDING);
    });
    Grant first = stored.get(0);
    Grant second = fixture.client(police).createGrant(new CreateGrantOptions(birth, List.of("出生体重"), "新生儿医保参保",
        "《社会保险法》", fixture.clock.instant(), fixture.clock.instant().plus(Duration.ofDays(30))));
    click(browser.findElement(By.id("sign-out")));
    assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");

    // The provider's inbox: both pending, with their deadlines.
    signIn(approver, approver.password());
    browser.get(url("/applications"));
    WebElement inbox = browser.findElement(By.id("inbox"));
    assertThat(inbox.getText()).contains("出生一件事户籍登记", "新生儿医保参保", "柳州市公安局");
    assertThat(inbox.findElements(By.cssSelector("td.deadline"))).allSatisfy(td -> assertThat(td.getText()).matches(
        "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}"));
    screenshot("05-inbox");

    click(row(first.id()).findElement(By.cssSelector("form.approve button")));
    assertThat(browser.findElement(By.id("notice")).getText()).contains("已批准");
    assertThat(fixture.client(health).getGrant(first.id()).status()).isEqualTo(GrantStatus.APPROVED);

    WebElement refuse = row(second.id()).findElement(By.cssSelector("form.refuse"));
    refuse.findElement(By.name("reason")).sendKeys("申请的信息项超出出生一件事所需范围");
    click(refuse.findElement(By.tagName("button")));
    assertThat(browser.findElement(By.id("notice")).getText()).contains("已拒绝");
    Grant refused = fixture.client(health).getGrant(second.id());
    assertThat(refused.status()).isEqualTo(GrantStatus.REFUSED);
    assertThat(refused.reason()).hasValue("申请的信息项超出出生一件事所需范围");
    assertThat(browser.findElements(By.id("inbox"))).isEmpty();

    WebElement revoke = row(first.id()).findElement(By.cssSelector("form.revoke"));
    revoke.findElement(By.name("reason")).sendKeys("联办事项已结束");
    click(revoke.findElement(By.tagName("button")));
    assertThat(browser.findElement(By.id("notice")).getText()).contains("已撤销");
    assertThat(fixture.client(health).getGrant(first.id()).status()).isEqualTo(GrantStatus.REVOKED);
    screenshot("06-decided");
  }

  private WebElement row(String grantId) {
    return browser.findElement(By.cssSelector("tr[data-grant='" + grantId + "']"));
  }

  @Test
  void aFormWithoutItsCsrfToken_isRefused_andNothingChanges() {
    String birth = registerConditional("出生医学证明信息");
    Grant grant = fixture.client(police).createGrant(new CreateGrantOptions(birth, List.of("证明编号"), "出生一件事户籍登记",
        "《户口登记条例》第七条", fixture.clock.instant(), fixture.clock.instant().plus(Duration.ofDays(30))));
    Credentials approver = official("wang.fang", "王芳", health, "APPROVER");
    signIn(approver, approver.password());
    browser.get(url("/applications"));

    WebElement approve = row(grant.id()).findElement(By.cssSelector("form.approve"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].querySelector(\"input[name='_csrf']\").remove()", approve);
    click(approve.findElement(By.tagName("button")));

    assertThat(browser.findElement(By.id("error")).getText()).contains("CSRF");
    assertThat(fixture.client(health).getGrant(grant.id()).status()).isEqualTo(GrantStatus.PENDING);
  }

  @Test
  void fiveWrongPasswords_lockTheAccount() throws IOException {
    Credentials clerk = official("li.na", "李娜", police, "VIEWER");
    for (int i = 0; i < 5; i++) {
      signIn(clerk, "wrong-" + i);
      assertThat(browser.findElement(By.id("error")).getText()).isNotBlank();
    }
    assertThat(browser.findElement(By.id("error")).getText()).contains("锁定");
    signIn(clerk, clerk.password());

    assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
    assertThat(browser.findElement(By.id("error")).getText()).contains("锁定");
    assertThat(ConsoleTestSupport.failedAttempts(db, "li.na")).isEqualTo(5);
    screenshot("07-locked");
  }
}
