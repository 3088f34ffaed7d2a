package dev.shuqiao.hub;

import dev.shuqiao.client.RetryOptions;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A running hub on an ephemeral port (H2 in a temporary directory, or the PostgreSQL of
 * {@code -Dshuqiao.test.postgres.url}), a city CA, an administrator, and clients for departments.
 */
final class HubFixture implements AutoCloseable {

  static final String POSTGRES_PROPERTY = "shuqiao.test.postgres.url";

  /** The clock of every hub and client of this fixture: real time unless a test sets it. */
  final SettableClock clock = new SettableClock();
  final TestCity city;
  final DepartmentIdentity admin;
  final List<HubServer> hubs = new ArrayList<>();
  final ShuqiaoClient adminClient;
  private final List<Path> directories = new ArrayList<>();
  private final List<Path> hubDirectories = new ArrayList<>();
  private final String jdbcUrl;
  private final UnaryOperator<HubServer.Builder> customize;
  private Runnable dropOnClose = () -> { };

  private HubFixture(String jdbcUrl, int instances) {
    this(jdbcUrl, instances, new TestCity(), UnaryOperator.identity());
  }

  private HubFixture(String jdbcUrl, int instances, TestCity city, UnaryOperator<HubServer.Builder> customize) {
    this.city = city;
    this.admin = city.department("柳州市大数据发展局", KeyAlgorithm.SM2);
    this.jdbcUrl = jdbcUrl;
    this.customize = customize;
    for (int i = 0; i < instances; i++) {
      hubs.add(startHub(i));
    }
    adminClient = client(admin);
  }

  /** One hub on H2. */
  static HubFixture h2() {
    return new HubFixture(null, 1);
  }

  /** One hub on H2 under {@code city}'s CA, its builder adjusted by {@code customize} (e.g. an exchange identity). */
  static HubFixture h2(TestCity city, UnaryOperator<HubServer.Builder> customize) {
    return new HubFixture(null, 1, city, customize);
  }

  /** One hub on the PostgreSQL of the system property under {@code city}'s CA, its builder adjusted by {@code customize}. */
  static HubFixture postgres(TestCity city, UnaryOperator<HubServer.Builder> customize) {
    String url = postgresUrl().orElseThrow(() -> new IllegalStateException("no " + POSTGRES_PROPERTY));
    String schema = "shuqiao_it_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(url, "CREATE SCHEMA " + schema);
    HubFixture fixture = new HubFixture(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, 1, city,
        customize);
    fixture.dropOnClose = () -> execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    return fixture;
  }

  /**
   * Stops hub {@code index} (as a crash would leave it: whatever it was doing is abandoned) and starts
   * it again on the same data directory and database; clients must be made anew (the port changes).
   */
  HubServer restart(int index) {
    hubs.get(index).close();
    HubServer hub = build(index, hubDirectories.get(index));
    hubs.set(index, hub);
    return hub;
  }

  /**
   * {@code instances} hubs, each with its own data directory, sharing one H2 file database (in this
   * JVM they share it as instances on separate machines share PostgreSQL).
   */
  static HubFixture h2(int instances) {
    try {
      Path database = Files.createTempDirectory("shuqiao-hub-it-db");
      HubFixture fixture = new HubFixture(HubServer.h2Url(database), instances);
      fixture.directories.add(database);
      return fixture;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code instances} hubs sharing the PostgreSQL of the system property, in a fresh schema of their
   * own (dropped on close), so builds running side by side on one database do not disturb each other.
   */
  static HubFixture postgres(int instances) {
    String url = postgresUrl().orElseThrow(() -> new IllegalStateException("no " + POSTGRES_PROPERTY));
    String schema = "shuqiao_it_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(url, "CREATE SCHEMA " + schema);
    HubFixture fixture = new HubFixture(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, instances);
    fixture.dropOnClose = () -> execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    return fixture;
  }

  static Optional<String> postgresUrl() {
    String url = System.getProperty(POSTGRES_PROPERTY, "").strip();
    return url.startsWith("jdbc:postgresql:") ? Optional.of(url) : Optional.empty();
  }

  /** The JDBC URL the hubs share (null for the single-hub H2 fixture: its file is in the data directory). */
  String jdbcUrl() {
    return jdbcUrl;
  }

  /** A JDBC URL reaching hub {@code index}'s database from this JVM (H2 embedded: the same open database). */
  String databaseUrl(int index) {
    return jdbcUrl != null ? jdbcUrl : HubServer.h2Url(hubDirectories.get(index));
  }

  /** Hub {@code index}'s data directory (its audit log lives under {@code audit/}). */
  Path dataDirectory(int index) {
    return hubDirectories.get(index);
  }

  HubServer hub() {
    return hubs.get(0);
  }

  /** Hub {@code index}; each instance publishes its own checkpoint series, so each has its own origin. */
  private HubServer startHub(int index) {
    try {
      Path dir = Files.createTempDirectory("shuqiao-hub-it");
      directories.add(dir);
      hubDirectories.add(dir);
      return build(index, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HubServer build(int index, Path dir) {
    HubServer.Builder builder = HubServer.builder().port(0).dataDirectory(dir).trustStore(city.trust)
        .addAdmin(admin.certificate()).maxBodyBytes(64 * 1024).auditOrigin("hub-" + (index + 1) + ".it.shuqiao.dev").clock(clock)
        // Providers in tests listen on http://127.0.0.1; a test of the production rule turns this off in customize.
        .allowInsecureEndpoints(true);
    if (jdbcUrl != null) {
      builder.jdbcUrl(jdbcUrl, null, null).poolSize(4);
    }
    return customize.apply(builder).build().start();
  }

  /** The administrator's code as the audit log records it (the key id it signs with). */
  String adminCode() {
    return TestCity.code(admin);
  }

  ShuqiaoClient client(DepartmentIdentity identity) {
    return client(identity, 0);
  }

  ShuqiaoClient client(DepartmentIdentity identity, int hubIndex) {
    return ShuqiaoClient.builder().endpoint(hubs.get(hubIndex).uri().toString()).credential(identity)
        .clock(clock).retryOptions(RetryOptions.none()).build();
  }

  /** A new department identity, registered by the administrator. */
  DepartmentIdentity register(String name, KeyAlgorithm algorithm) {
    DepartmentIdentity identity = city.department(name, algorithm);
    register(identity);
    return identity;
  }

  void register(DepartmentIdentity identity) {
    register(identity, "https://" + TestCity.code(identity).toLowerCase() + ".example.gov.cn/shuqiao");
  }

  void register(DepartmentIdentity identity, String endpointUrl) {
    adminClient.createDepartment(new CreateDepartmentOptions(TestCity.code(identity), identity.department().name(),
        Pem.encode(identity.certificate()), endpointUrl));
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL test setup failed (" + sql + "): " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    hubs.forEach(HubServer::close);
    dropOnClose.run();
    for (Path dir : directories) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary directory is harmless
      }
    }
  }

  /**
   * Real time (optionally run ahead by a fixed amount), or, while stopped, the instant it was stopped
   * at. A test that needs time to pass (a grant's end, a certificate's) sets the clock instead of
   * sleeping and hoping that the requests before the sleep finished in time on a loaded machine.
   * Hubs and clients share it, so signatures stay within the hub's window.
   */
  static final class SettableClock extends java.time.Clock {
    private volatile java.time.Instant stoppedAt;
    private volatile Duration ahead = Duration.ZERO;

    /** Stops the clock at {@code instant} until {@link #run()} or {@link #runAhead}. */
    void stopAt(java.time.Instant instant) {
      stoppedAt = instant;
    }

    /** Real time again. */
    void run() {
      runAhead(Duration.ZERO);
    }

    /** Real time plus {@code amount} from now on. */
    void runAhead(Duration amount) {
      ahead = amount;
      stoppedAt = null;
    }

    @Override
    public java.time.Instant instant() {
      java.time.Instant stopped = stoppedAt;
      return stopped != null ? stopped : java.time.Instant.now().plus(ahead);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
