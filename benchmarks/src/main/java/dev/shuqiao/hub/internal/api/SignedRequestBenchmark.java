package dev.shuqiao.hub.internal.api;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.client.BenchmarkSigning;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.hub.HubServer;
import dev.shuqiao.hub.WorkingCalendar;
import dev.shuqiao.hub.internal.service.Caller;
import dev.shuqiao.hub.internal.store.Database;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What signing and verification add to a minimal hub request, against unsigned requests to the
 * same servlet. One Jetty server (one connector, one thread pool) serves two instances of the same
 * {@link ApiServlet} code over one database, chosen by the request's host: {@code localhost}
 * reaches the one that authenticates as the hub always does, {@code 127.0.0.1} (a Host header of
 * the same length) the one built with a benchmark-only constructor that skips authentication and
 * answers as the department. Sharing the server's threads matters when the two kinds alternate:
 * with a server each, every switch woke the other server's idle threads. The request is {@code GET
 * /v1/departments/{code}} (one primary-key read), sent with OkHttp in all three cases:
 *
 * <ul>
 *   <li>{@code unsigned}: no signature, to the unauthenticated servlet (the baseline);
 *   <li>{@code sessionSigned}: RFC 9421 with the session HMAC (the client's default for reads);
 *   <li>{@code fullySigned}: RFC 9421 with the department's key (what every change carries).
 * </ul>
 *
 * Overhead = signed ÷ unsigned − 1, from the same run. Separate benchmarks run in separate forks,
 * minutes apart, so on a shared machine their ratio carries the drift between forks; {@code
 * alternating} sends one unsigned and one session-signed request per invocation (in turns, which
 * goes first) and sums the time of each half, so the ratio {@code sessionSignedNanos ÷
 * unsignedNanos} comes from the same fork, the same JIT state and the same minutes.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SignedRequestBenchmark -p keys=SM2,ECDSA_P256,ED25519</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SignedRequestBenchmark {

  private static final String CODE = "11450200B00000078J";

  @Param({"SM2"})
  KeyAlgorithm keys;

  private Path dir;
  private Database database;
  private AuditLog auditLog;
  private Server server;
  private OkHttpClient http;
  private BenchmarkSigning signing;
  private String signedBase;
  private String unsignedBase;

  @Setup(Level.Trial)
  public void start() throws Exception {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    CertificateAuthority ca = CertificateAuthority.create(KeyAlgorithm.SM2, "基准CA", CreditCode.parse("11450200MB15337658"),
        Duration.ofDays(30));
    TrustStore trust = TrustStore.builder().addRoot(ca.certificate()).addCrl(ca.crl(List.of(), Duration.ofDays(7))).build();
    DepartmentIdentity admin = identity(ca, KeyAlgorithm.SM2, "基准管理员", "11450200075623181Q");
    DepartmentIdentity department = identity(ca, keys, "基准部门", CODE);

    dir = Files.createTempDirectory("shuqiao-signed-bench");
    database = Database.open(HubServer.h2Url(dir), null, null, 8);
    auditLog = AuditLog.builder().directory(dir.resolve("audit")).origin("bench.shuqiao.dev").open();
    ApiServlet.Settings settings = new ApiServlet.Settings(database, () -> trust,
        Map.of(Department.of(admin.certificate()).creditCode().toString(), admin.certificate()), Clock.systemUTC(),
        Duration.ofMinutes(5), 1 << 20, auditLog, null, CatalogReader.builder().build(), WorkingCalendar.weekdays());
    server = jetty(new ByHost(new ApiServlet(settings), new ApiServlet(settings, Caller.department(CODE))));
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    signedBase = "http://localhost:" + port;
    unsignedBase = "http://127.0.0.1:" + port;

    ShuqiaoClient.builder().endpoint(signedBase).credential(admin).build().createDepartment(
        new CreateDepartmentOptions(CODE, "基准部门", Pem.encode(department.certificate()), "https://b.example.gov.cn"));
    http = new OkHttpClient();
    signing = new BenchmarkSigning(department);
    signing.openSession(http, signedBase);
    // The three must be the same request with the same answer, or the comparison means nothing.
    int unsigned = unsigned();
    if (sessionSigned() != unsigned || fullySigned() != unsigned) {
      throw new IllegalStateException("the signed and unsigned answers differ");
    }
  }

  private static DepartmentIdentity identity(CertificateAuthority ca, KeyAlgorithm algorithm, String name, String code) {
    KeyRequest request = KeyRequest.generate(algorithm, name, CreditCode.parse(code));
    return request.complete(ca.issue(request.csrPem(), Duration.ofDays(30)));
  }

  /** Sends requests for host 127.0.0.1 to the servlet that skips authentication, all others to the hub's. */
  private static final class ByHost extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final HttpServlet authenticating;
    private final HttpServlet unauthenticated;

    ByHost(HttpServlet authenticating, HttpServlet unauthenticated) {
      this.authenticating = authenticating;
      this.unauthenticated = unauthenticated;
    }

    @Override
    public void init() throws ServletException {
      authenticating.init(getServletConfig());
      unauthenticated.init(getServletConfig());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
      (request.getServerName().equals("127.0.0.1") ? unauthenticated : authenticating).service(request, response);
    }
  }

  private static Server jetty(HttpServlet servlet) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("localhost");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder("api", servlet), "/*");
    server.setHandler(context);
    server.start();
    return server;
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    server.stop();
    auditLog.close();
    database.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Baseline: the request unsigned, to the same servlet with authentication skipped. */
  @Benchmark
  public int unsigned() throws IOException {
    return send(request(unsignedBase));
  }

  /** Signed within a signing session (HMAC-SM3 for SM2 departments, HMAC-SHA256 otherwise). */
  @Benchmark
  public int sessionSigned() throws IOException {
    return send(signing.signInSession(request(signedBase)));
  }

  /** The client's part alone: signing the request within the session, nothing sent (use {@code -bm avgt}). */
  @Benchmark
  public Object clientSessionSigningOnly() throws IOException {
    return signing.signInSession(request(signedBase));
  }

  /** Signed with the department's key. */
  @Benchmark
  public int fullySigned() throws IOException {
    return send(signing.signFully(request(signedBase)));
  }

  /**
   * The two halves of {@link #alternating}, summed per iteration (JMH adds the iterations up and
   * reports each as a secondary result): nanoseconds of the unsigned and of the session-signed
   * requests, and how many pairs were sent.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Halves {
    public long unsignedNanos;
    public long sessionSignedNanos;
    public long pairs;
    private boolean signedFirst;

    @Setup(Level.Iteration)
    public void reset() {
      unsignedNanos = 0;
      sessionSignedNanos = 0;
      pairs = 0;
    }
  }

  /** One unsigned and one session-signed request, timed apart; which goes first alternates. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public int alternating(Halves halves) throws IOException {
    halves.signedFirst = !halves.signedFirst;
    long start = System.nanoTime();
    int first = halves.signedFirst ? sessionSigned() : unsigned();
    long middle = System.nanoTime();
    int second = halves.signedFirst ? unsigned() : sessionSigned();
    long end = System.nanoTime();
    halves.sessionSignedNanos += halves.signedFirst ? middle - start : end - middle;
    halves.unsignedNanos += halves.signedFirst ? end - middle : middle - start;
    halves.pairs++;
    return first + second;
  }

  private static Request request(String base) {
    return new Request.Builder().url(base + "/v1/departments/" + CODE).build();
  }

  private int send(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IllegalStateException("HTTP " + response.code() + ": " + response.body().string());
      }
      return response.body().bytes().length;
    }
  }
}
