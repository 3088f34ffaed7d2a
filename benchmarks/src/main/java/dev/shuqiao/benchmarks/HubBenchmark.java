package dev.shuqiao.benchmarks;

import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.client.model.SearchOptions;
import dev.shuqiao.client.model.SearchPage;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.hub.HubServer;
import dev.shuqiao.hub.internal.store.ResourceRow;
import dev.shuqiao.hub.internal.store.ResourceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * The hub over real HTTP on H2 or PostgreSQL ({@code -p database=h2,postgres}; PostgreSQL at
 * {@code -Dshuqiao.bench.postgres.url}, default the local {@code shuqiao} database): catalog search latency (sample mode, so JMH reports p50/p99) over
 * {@code resources} registered resources, and registration into such a catalog. What signing
 * adds to a request is measured by {@code SignedRequestBenchmark}. Resources are seeded straight into
 * the hub's tables: registering 100,000 through the API would measure the audit log's fsyncs.
 * Seeding 100,000 takes minutes, and JMH runs every benchmark in its own JVM, so the seeded
 * database is kept and reused by later trials: H2 in {@code $TMPDIR/shuqiao-hub-bench-v4-h2-<resources>},
 * PostgreSQL in schema {@code shuqiao_bench_v4_<resources>} (drop them to start afresh). "v4": seeded
 * for schema V4 (catalog change sequence instead of the {@code search_gram} table); an older seed,
 * copied there, is migrated on first use. The hub builds its in-memory index when it starts (its
 * time and size are logged); a trial that seeds first has the new rows loaded by the first search.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar HubBenchmark -p resources=100000 -p database=h2,postgres</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class HubBenchmark {

  private static final String[] WORDS = {"出生", "户籍", "医保", "社保", "疫苗", "婚姻", "企业", "不动产", "公积金", "教育"};
  private static final String[] SHARING = {"UNCONDITIONAL", "CONDITIONAL", "NOT_SHARED"};
  private static final String[] FORMATS = {"DATABASE", "SPREADSHEET", "SERVICE_INTERFACE"};

  @Param({"100000"})
  int resources;

  @Param({"h2"})
  String database;

  private static final String POSTGRES = System.getProperty("shuqiao.bench.postgres.url",
      "jdbc:postgresql://localhost:5432/shuqiao?user=shuqiao&password=shuqiao");
  private String jdbcUrl;
  private String schema;

  private Path dir;
  private HubServer hub;
  private ShuqiaoClient client;
  private String departmentCode;
  // a random start, so registrations into a reused database do not collide with an earlier run's
  private final java.util.concurrent.atomic.AtomicInteger registered =
      new java.util.concurrent.atomic.AtomicInteger(ThreadLocalRandom.current().nextInt(900_000));

  @Setup(Level.Trial)
  public void start() throws IOException, SQLException {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.shuqiao.hub.internal.store.SearchIndex"))
        .setLevel(ch.qos.logback.classic.Level.INFO); // the index build: resources, time, estimated size
    CertificateAuthority ca = CertificateAuthority.create(KeyAlgorithm.SM2, "基准CA", CreditCode.parse("11450200MB15337658"),
        Duration.ofDays(30));
    TrustStore trust = TrustStore.builder().addRoot(ca.certificate()).addCrl(ca.crl(List.of(), Duration.ofDays(7))).build();
    DepartmentIdentity admin = identity(ca, "基准管理员", "11450200075623181Q");
    DepartmentIdentity department = identity(ca, "基准部门", "11450200B00000078J");
    dir = Path.of(System.getProperty("java.io.tmpdir"), "shuqiao-hub-bench-v4-h2-" + resources);
    Files.createDirectories(dir);
    HubServer.Builder builder = HubServer.builder().port(0).dataDirectory(dir).trustStore(trust).addAdmin(admin.certificate());
    if (database.equals("postgres")) {
      schema = "shuqiao_bench_v4_" + resources;
      execute(POSTGRES, "CREATE SCHEMA IF NOT EXISTS " + schema);
      jdbcUrl = POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      builder.jdbcUrl(jdbcUrl, null, null);
    } else if (database.equals("h2")) {
      jdbcUrl = HubServer.h2Url(dir);
    } else {
      throw new IllegalArgumentException("database is h2 or postgres");
    }
    hub = builder.build().start();
    // A reused database holds the department with a certificate of an earlier run's CA.
    execute(jdbcUrl, "DELETE FROM department WHERE code = '11450200B00000078J'");
    ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(admin).build().createDepartment(
        new CreateDepartmentOptions("11450200B00000078J", "基准部门", Pem.encode(department.certificate()), "https://b.example.gov.cn"));
    departmentCode = "11450200B00000078J";
    client = ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(department).build();
    seed();
    buildSearchIndex();
  }

  /** The first search builds the hub's in-memory index: reported here, and kept out of the search samples. */
  private void buildSearchIndex() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long heap = runtime.totalMemory() - runtime.freeMemory();
    long started = System.nanoTime();
    client.searchResourcesPage(SearchOptions.builder().text(WORDS[0]).pageSize(20).build(), 0);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.gc();
    long grown = runtime.totalMemory() - runtime.freeMemory() - heap;
    System.out.printf("%nfirst search (builds the search index) %d ms; heap +%d MB after it%n", millis, grown >> 20);
  }

  private static DepartmentIdentity identity(CertificateAuthority ca, String name, String code) {
    KeyRequest request = KeyRequest.generate(KeyAlgorithm.SM2, name, CreditCode.parse(code));
    return request.complete(ca.issue(request.csrPem(), Duration.ofDays(30)));
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); java.sql.Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Through {@link ResourceStore#insertAll}, so the catalog change sequence counts them as registration would. */
  private void seed() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl); java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS bench_seed (resources INT NOT NULL)");
      try (java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM bench_seed WHERE resources = " + resources)) {
        r.next();
        if (r.getInt(1) > 0) {
          return; // seeded by an earlier trial
        }
      }
    }
    ResourceStore store = new ResourceStore();
    Instant now = Instant.now();
    long started = System.nanoTime();
    String url = database.equals("postgres") ? jdbcUrl + "&reWriteBatchedInserts=true" : jdbcUrl;
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      List<ResourceRow> batch = new java.util.ArrayList<>();
      for (int i = 0; i < resources; i++) {
        String word = WORDS[i % WORDS.length];
        String name = word + "信息资源" + i;
        String summary = word + "相关的政务信息资源，编号" + i + "。";
        String code = String.format("1 %02d %03d/%06d", 1 + i % 9, 1 + i % 97, i);
        batch.add(new ResourceRow(code, "11450200MB00" + String.format("%05d", i % 40) + "X", name, summary,
            SHARING[i % 3], code.substring(0, code.indexOf('/')), FORMATS[i % 3],
            (name + "\n" + summary + "\n证照编号\n姓名").toLowerCase(Locale.ROOT), 1, "ACTIVE", "{}", now));
        if (batch.size() == 10_000 || i == resources - 1) {
          store.insertAll(c, batch);
          c.commit();
          batch.clear();
        }
      }
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("INSERT INTO bench_seed (resources) VALUES (" + resources + ")");
      }
      c.commit();
      if (database.equals("postgres")) {
        c.setAutoCommit(true);
        try (java.sql.Statement s = c.createStatement()) {
          s.execute("VACUUM ANALYZE"); // what autovacuum would have done by the time 100k resources exist
        }
      }
    }
    System.out.printf("%nseeded %d resources into %s in %.1f s%n", resources, database, (System.nanoTime() - started) / 1e9);
  }

  @TearDown(Level.Trial)
  public void stop() {
    hub.close();
  }

  /**
   * One resource registered through the API per operation: validation, insert, version row and a
   * durable audit append (its fsync dominates). Registrations/s = 1000 / (ms/op).
   */
  @Benchmark
  public Object registerResource() {
    int n = registered.incrementAndGet();
    String code = String.format("2 %02d %03d/%06d", 1 + n % 9, 1 + n % 97, n % 1_000_000);
    return client.createResources("version: 1\ncatalog:\n  title: 基准目录\n  description: 基准\n  publisher: 基准\n"
        + "resources:\n  - code: \"" + code + "\"\n    name: 基准资源" + n + "\n"
        + "    classification:\n      view: 主题\n      code: \"" + code.substring(0, code.indexOf('/')) + "\"\n"
        + "    provider:\n      name: 基准部门\n      code: " + departmentCode + "\n"
        + "    abstract: 基准资源摘要。\n    format: 数据库\n"
        + "    items:\n      - name: 编号\n        type: C\n        length: 10\n"
        + "    sharing:\n      type: 无条件共享\n      method: 接口\n"
        + "    openness:\n      type: 不予开放\n    updateCycle: 实时\n    publishedOn: 2024-03-01\n");
  }

  /** Text search with facets, the catalog's main query. */
  @Benchmark
  public SearchPage searchByText() {
    String word = WORDS[ThreadLocalRandom.current().nextInt(WORDS.length)];
    return client.searchResourcesPage(SearchOptions.builder().text(word).pageSize(20).build(), 0);
  }

  /** Filter-only search (provider and sharing type), no text. */
  @Benchmark
  public SearchPage searchByFilters() {
    return client.searchResourcesPage(SearchOptions.builder().provider("11450200MB7000003F").sharingType("CONDITIONAL")
        .pageSize(20).build(), 0);
  }
}
