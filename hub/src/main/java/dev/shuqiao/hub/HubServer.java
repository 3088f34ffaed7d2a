package dev.shuqiao.hub;

import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.CheckpointSigner;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.hub.internal.api.ApiServlet;
import dev.shuqiao.hub.internal.console.ConsoleServlet;
import dev.shuqiao.hub.internal.service.ExchangeSettings;
import dev.shuqiao.hub.internal.service.MailboxSettings;
import dev.shuqiao.hub.internal.store.Database;
import dev.shuqiao.hub.internal.store.InstanceStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange hub: the signed REST API of docs/hub-api.md on embedded Jetty, all state in H2 (a
 * file under the data directory, by default) or PostgreSQL, every change in the audit log.
 *
 * <pre>{@code
 * try (HubServer hub = HubServer.builder()
 *     .port(0)
 *     .dataDirectory(Path.of("hub-data"))
 *     .trustStore(TrustStore.builder().addRoot(cityRoot).addCrl(crl).build())
 *     .addAdmin(bureauCertificate)
 *     .build()) {
 *   hub.start();
 *   System.out.println(hub.uri());
 * }
 * }</pre>
 */
public final class HubServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HubServer.class);

  private final Server jetty;
  private final ServerConnector connector;
  private final Database database;
  private final AuditLog auditLog;
  private final java.util.concurrent.atomic.AtomicReference<TrustStore> trust;
  private final ApiServlet servlet;

  private HubServer(Builder b) {
    if (b.exchangeIdentity != null) {
      // Fail at start, not at the first exchange: providers refuse tickets the city CA does not vouch for.
      try {
        b.trust.validate(b.exchangeIdentity.certificate(), b.clock.instant());
      } catch (RuntimeException e) {
        throw new IllegalStateException("the exchange identity is not valid under the trust store: " + e.getMessage(), e);
      }
    }
    Path data = b.dataDirectory.toAbsolutePath();
    String url = b.jdbcUrl != null ? b.jdbcUrl : h2Url(data);
    this.database = Database.open(url, b.jdbcUser, b.jdbcPassword, b.poolSize);
    CheckpointSigner signer;
    dev.shuqiao.audit.CheckpointCosigner witnessKey;
    try {
      witnessKey = CheckpointKey.loadOrCreateWitness(data.resolve("witness-key"), b.auditOrigin + "/witness");
      // The origin is claimed before the log is opened: a refused start leaves no log behind.
      signer = CheckpointKey.loadOrCreate(data.resolve("checkpoint-key"), b.auditOrigin);
      registerInstance(database, b.auditOrigin, signer.verifierKey(), b.clock);
      this.auditLog = AuditLog.builder().directory(data.resolve("audit")).origin(b.auditOrigin).open();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    this.trust = new java.util.concurrent.atomic.AtomicReference<>(b.trust);
    this.servlet = new ApiServlet(new ApiServlet.Settings(database, trust::get, b.admins, b.clock,
        b.signatureWindow, b.maxBodyBytes, auditLog, signer, CatalogReader.builder().clock(b.clock).build(), b.calendar,
        b.exchangeSettings(), b.auditOrigin, witnessKey, b.allowInsecureEndpoints,
        b.mailboxSettings(data.resolve("mailbox"))));
    if (b.allowInsecureEndpoints) {
      LOG.warn("development setting on: departments may register http and loopback/private endpoint URLs;"
          + " never use it in production");
    }
    warnIfCalendarEnds(b.calendar, b.clock);
    if (b.consoleAdmin != null) {
      try {
        ConsoleServlet.bootstrapAdmin(servlet.consoleBackend(), b.consoleAdmin, data.resolve("console-admin.txt"));
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }
    this.jetty = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // Resource codes such as "1 01 003/000001" travel as one path segment with %2F inside.
    http.setUriCompliance(UriCompliance.DEFAULT.with("shuqiao", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    this.connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setPort(b.port);
    // A held poll (docs/exchange.md §4) waits up to 30 s without a byte on the wire: stay above that.
    connector.setIdleTimeout(65_000);
    connector.setHost(b.host);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.getServletHandler().setDecodeAmbiguousURIs(true);
    context.addServlet(new ServletHolder("api", servlet), "/*");
    // The web console for officials (docs/console.md), beside the API and sharing its services.
    context.addServlet(new ServletHolder("console", new ConsoleServlet(servlet.consoleBackend())), "/console/*");
    context.setErrorHandler(new ProblemErrorHandler());
    jetty.setErrorHandler(new ProblemErrorHandler());
    jetty.setHandler(context);
    jetty.setStopTimeout(2_000);
  }

  /**
   * Claims this instance's checkpoint origin in the shared database: another instance, or this
   * one after its data directory (and so its checkpoint key) was replaced, may not publish a
   * second series under the same name. Two instances starting at once may both try to insert the
   * origin; the loser reads the winner's row and compares keys.
   */
  private static void registerInstance(Database database, String origin, String verifierKey, Clock clock) {
    InstanceStore instances = new InstanceStore();
    for (int attempt = 0; ; attempt++) {
      try {
        database.inTransaction(c -> {
          instances.register(c, origin, verifierKey, clock.instant());
          return null;
        });
        return;
      } catch (java.sql.SQLException e) {
        if (attempt > 0 || e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
          throw new IllegalStateException("cannot record this hub instance in the database: " + e.getMessage(), e);
        }
      }
    }
  }

  /** Next year's holidays are published late in the year; say so before deadlines run past the list. */
  private static void warnIfCalendarEnds(WorkingCalendar calendar, Clock clock) {
    java.time.LocalDate soon = clock.instant().atZone(WorkingCalendar.CHINA).toLocalDate().plusDays(60);
    calendar.configuredUntil().filter(last -> last.isBefore(soon)).ifPresent(last -> LOG.warn(
        "the working calendar lists no holidays after {}; decision deadlines after it count Monday to Friday"
            + " - add the coming year's schedule to calendar.holidays and calendar.workdays", last));
  }

  /**
   * The default database: an H2 file in the data directory, with a 128 MB page cache (H2's default
   * is 16 MB; a city's catalog, grants and their history fit in the larger one).
   */
  public static String h2Url(Path dataDirectory) {
    return "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("hub") + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=131072";
  }

  /**
   * Replaces the trust store (roots and CRLs), e.g. after the city CA published a new CRL; no
   * restart. From the next request on, every certificate is validated against {@code newTrust}
   * (a revoked department gets 401 {@code certificate-revoked}) and this instance's signing
   * sessions are closed.
   */
  public void reloadTrustStore(TrustStore newTrust) {
    trust.set(Objects.requireNonNull(newTrust, "trust"));
    servlet.trustStoreChanged();
  }

  /** For the CRL watcher: whether the accepted CRL's nextUpdate is near (the metric's value). */
  void crlNextUpdateNear(boolean near) {
    servlet.crlNextUpdateNear(near);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds the catalog search index, then starts listening. */
  public HubServer start() {
    try {
      servlet.prepare();
      jetty.start();
      return this;
    } catch (Exception e) {
      close();
      throw new IllegalStateException("the hub cannot start: " + e.getMessage(), e);
    }
  }

  /** The port listened on (the real one when built with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://host:port}. */
  public URI uri() {
    String host = connector.getHost() == null ? "localhost" : connector.getHost();
    return URI.create("http://" + host + ":" + port());
  }

  /** The audit log size (for tests and operators). */
  public long auditEntries() {
    return auditLog.size();
  }

  /**
   * Closes the audit log under the running hub, which then refuses every append as a log that failed
   * a write or an fsync does: for tests of the fail-closed paths (package-private on purpose).
   */
  void closeAuditLog() throws java.io.IOException {
    auditLog.close();
  }

  /** The audit event at {@code index} (0-based, below {@link #auditEntries()}), for tests and operators. */
  public AuditEvent auditEvent(long index) {
    return auditLog.read(index);
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      // stopping is best effort; the database and log still close below
    }
    try {
      auditLog.close();
    } catch (IOException e) {
      // the log is durable per append; nothing is lost by a failed close
    }
    database.close();
  }

  /** Configures a {@link HubServer}; {@link #dataDirectory} and {@link #trustStore} are required. */
  public static final class Builder {
    private int port = 8080;
    private String host = "localhost";
    private Path dataDirectory;
    private String jdbcUrl;
    private String jdbcUser;
    private String jdbcPassword;
    private int poolSize = 8;
    private TrustStore trust;
    private final Map<String, X509Certificate> admins = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration signatureWindow = Duration.ofMinutes(5);
    private int maxBodyBytes = 1 << 20;
    private String auditOrigin = "hub.shuqiao.dev";
    private WorkingCalendar calendar = WorkingCalendar.weekdays();
    private DepartmentIdentity exchangeIdentity;
    private Duration ticketLifetime = ExchangeSettings.DEFAULT_TICKET_LIFETIME;
    private Duration providerTimeout = ExchangeSettings.DEFAULT_PROVIDER_TIMEOUT;
    private double exchangeRate = ExchangeSettings.disabled().ratePerSecond();
    private int exchangeBurst = ExchangeSettings.disabled().burst();
    private int circuitFailures = ExchangeSettings.disabled().circuitFailures();
    private Duration circuitOpen = ExchangeSettings.disabled().circuitOpen();
    private int maxHeldPolls = ExchangeSettings.disabled().maxHeldPolls();
    private Duration exchangeRetention = ExchangeSettings.DEFAULT_RETENTION;
    private String consoleAdmin;
    private boolean allowInsecureEndpoints;

    private long mailboxMaxUploadBytes = MailboxSettings.DEFAULT_MAX_UPLOAD_BYTES;
    private long mailboxQuotaBytes = MailboxSettings.DEFAULT_QUOTA_BYTES;
    private final Map<String, Long> mailboxQuotas = new LinkedHashMap<>();
    private Duration mailboxRetention = MailboxSettings.DEFAULT_RETENTION;
    private long mailboxMaxChunkBytes = MailboxSettings.DEFAULT_MAX_CHUNK_BYTES;

    private Builder() {}

    /**
     * The web console's first hub administrator (docs/console.md): created at start unless an
     * official of that name exists, its initial password and TOTP secret written to
     * {@code console-admin.txt} in the data directory (owner-only), never to the log.
     */
    public Builder consoleAdmin(String username) {
      this.consoleAdmin = Objects.requireNonNull(username, "username");
      return this;
    }

    /** The configured first console administrator, or null (for configuration tests). */
    String consoleAdminName() {
      return consoleAdmin;
    }

    /**
     * Mailbox limits (docs/bulk.md §2): the largest delivery, and the bytes one consumer
     * department's mailbox may hold (deliveries uploading or waiting); over either a provider's
     * upload is refused with 413 at creation.
     */
    public Builder mailboxLimits(long maxUploadBytes, long quotaBytesPerDepartment) {
      this.mailboxMaxUploadBytes = maxUploadBytes;
      this.mailboxQuotaBytes = quotaBytesPerDepartment;
      return this;
    }

    /** Another quota for one consumer department (its credit code). */
    public Builder mailboxQuota(String departmentCode, long quotaBytes) {
      mailboxQuotas.put(Objects.requireNonNull(departmentCode, "departmentCode"), quotaBytes);
      return this;
    }

    /** How long a delivery waits for its acknowledgement (and an upload for its next chunk); default 14 days. */
    public Builder mailboxRetention(Duration retention) {
      this.mailboxRetention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    /** The largest chunk ({@code PATCH} body); default 64 MiB. */
    public Builder mailboxMaxChunkBytes(long maxChunkBytes) {
      this.mailboxMaxChunkBytes = maxChunkBytes;
      return this;
    }

    MailboxSettings mailboxSettings(Path directory) {
      return new MailboxSettings(directory, mailboxMaxUploadBytes, mailboxQuotaBytes, mailboxQuotas, mailboxRetention,
          mailboxMaxChunkBytes);
    }

    /**
     * The hub's exchange identity (docs/exchange.md §1): a certificate the city CA issued to the hub
     * operator; it signs authorization tickets. Validated against the trust store at build time.
     * Without it the exchange channel is off: {@code /v1/exchanges*} answer 503 {@code exchange-disabled}.
     */
    public Builder exchangeIdentity(DepartmentIdentity identity) {
      this.exchangeIdentity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** {@code expiresAt - issuedAt} of a ticket: default 60 s, 1 s to 10 minutes. */
    public Builder ticketLifetime(Duration lifetime) {
      if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("the ticket lifetime is between 1 s and 10 minutes");
      }
      this.ticketLifetime = lifetime;
      return this;
    }

    /** How long the hub waits for a provider's answer: default 10 s, 100 ms to 5 minutes. */
    public Builder providerTimeout(Duration timeout) {
      if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("the provider timeout is between 100 ms and 5 minutes");
      }
      this.providerTimeout = timeout;
      return this;
    }

    /** Per-consumer token bucket on exchanges: default 200 per second, burst 400. */
    public Builder exchangeRateLimit(double perSecond, int burst) {
      if (!(perSecond > 0) || perSecond > 1_000_000 || burst < 1 || burst > 1_000_000) {
        throw new IllegalArgumentException("the rate is above 0 and the burst at least 1 (both at most 1,000,000)");
      }
      this.exchangeRate = perSecond;
      this.exchangeBurst = burst;
      return this;
    }

    /** Circuit breaking per provider: default open after 5 consecutive failures, for 10 s. */
    public Builder circuitBreaker(int failures, Duration openFor) {
      if (failures < 1 || failures > 1000 || openFor.isNegative() || openFor.isZero()
          || openFor.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("failures is 1..1000 and the open time 1 ms..1 h");
      }
      this.circuitFailures = failures;
      this.circuitOpen = openFor;
      return this;
    }

    /** Held polls per provider department at once (pull mode): default 4, 1..64. */
    public Builder maxHeldPolls(int max) {
      if (max < 1 || max > 64) {
        throw new IllegalArgumentException("held polls per department are 1..64");
      }
      this.maxHeldPolls = max;
      return this;
    }

    /**
     * How long a finished exchange is kept to answer repeats of it: default 30 days, 2 hours to 10
     * years. Query envelopes created more than half of it ago are refused (422 {@code envelope-stale}).
     */
    public Builder exchangeRetention(Duration retention) {
      if (retention.compareTo(Duration.ofHours(2)) < 0 || retention.compareTo(Duration.ofDays(3653)) > 0) {
        throw new IllegalArgumentException("the exchange retention is between 2 hours and 10 years");
      }
      this.exchangeRetention = retention;
      return this;
    }

    ExchangeSettings exchangeSettings() {
      return new ExchangeSettings(exchangeIdentity, ticketLifetime, providerTimeout, exchangeRate, exchangeBurst,
          circuitFailures, circuitOpen, maxHeldPolls, exchangeRetention);
    }

    /**
     * Development only (default false): departments may register and change to {@code http} endpoint
     * URLs and loopback, private or link-local hosts, e.g. a hub and its departments on one machine.
     * Off, an endpoint must be {@code https} on a public host (422 {@code insecure-endpoint}). The hub
     * logs a warning at start while it is on.
     */
    public Builder allowInsecureEndpoints(boolean allow) {
      this.allowInsecureEndpoints = allow;
      return this;
    }

    boolean allowsInsecureEndpoints() {
      return allowInsecureEndpoints;
    }

    /** TCP port, default 8080; 0 picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535");
      }
      this.port = port;
      return this;
    }

    /** Interface to bind, default localhost; {@code 0.0.0.0} for all. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Holds the H2 database (unless {@link #jdbcUrl} is set), the audit log and the checkpoint key. */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
      return this;
    }

    /** A PostgreSQL (or H2) JDBC URL instead of the H2 file under the data directory. */
    public Builder jdbcUrl(String jdbcUrl, String user, String password) {
      this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      this.jdbcUser = user;
      this.jdbcPassword = password;
      return this;
    }

    public Builder poolSize(int poolSize) {
      if (poolSize < 1 || poolSize > 200) {
        throw new IllegalArgumentException("pool size must be 1..200");
      }
      this.poolSize = poolSize;
      return this;
    }

    /** The city CA roots (and CRLs) that vouch for department and administrator certificates. */
    public Builder trustStore(TrustStore trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /** An administrator identity: requests signed with keyid = its credit code may register and suspend departments. */
    public Builder addAdmin(X509Certificate certificate) {
      admins.put(Department.of(certificate).creditCode().toString(), certificate);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How far a signature's {@code created} may lie from the hub's clock, default 5 minutes. */
    public Builder signatureWindow(Duration window) {
      if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("the signature window is between 1 s and 1 h");
      }
      this.signatureWindow = window;
      return this;
    }

    /** Largest accepted request body, default 1 MiB. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException("the body limit is at least 1 KiB");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** The audit checkpoint origin and note key name, default {@code hub.shuqiao.dev}. */
    public Builder auditOrigin(String origin) {
      this.auditOrigin = Objects.requireNonNull(origin, "origin");
      return this;
    }

    /**
     * The working days that deadlines count (public holidays, make-up working days); default
     * Monday to Friday in China Standard Time.
     */
    public Builder workingCalendar(WorkingCalendar calendar) {
      this.calendar = Objects.requireNonNull(calendar, "calendar");
      return this;
    }

    public HubServer build() {
      if (dataDirectory == null || trust == null) {
        throw new IllegalStateException("a hub needs a data directory and a trust store");
      }
      return new HubServer(this);
    }
  }
}
