package dev.shuqiao.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.TrustStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The hub's YAML configuration (see docs/hub-api.md), applied to a {@link HubServer.Builder}.
 * Relative paths are resolved against the configuration file's directory; unknown keys are errors.
 *
 * <pre>{@code
 * HubServer hub = HubConfig.load(Path.of("hub.yaml")).apply(HubServer.builder()).build().start();
 * }</pre>
 */
public final class HubConfig {

  private static final Set<String> KEYS = Set.of("port", "host", "data", "database", "trust", "admins", "limits", "audit",
      "calendar", "exchange", "console", "development");
  private static final List<String> EXCHANGE_KEYS = List.of("identity", "ticketLifetimeSeconds", "providerTimeoutMillis",
      "rateLimit", "circuit", "maxHeldPolls", "retentionDays");

  private final JsonNode root;
  private final Path base;
  private final java.util.function.Function<String, String> environment;

  private HubConfig(JsonNode root, Path base, java.util.function.Function<String, String> environment) {
    this.root = root;
    this.base = base;
    this.environment = environment;
  }

  /**
   * Reads a configuration file.
   *
   * @throws IllegalArgumentException naming the first problem (unknown key, wrong type, unreadable file)
   */
  public static HubConfig load(Path file) {
    return load(file, System::getenv);
  }

  /** {@link #load(Path)} reading environment variables (secrets named by {@code passwordEnv}) from {@code environment}. */
  static HubConfig load(Path file, java.util.function.Function<String, String> environment) {
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(file + ": the configuration must be a YAML mapping");
      }
      requireKnownKeys(root, KEYS, file.toString());
      return new HubConfig(root, file.toAbsolutePath().getParent(), environment);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read configuration " + file + ": " + e.getMessage(), e);
    }
  }

  /** Sets everything this configuration names on {@code builder}. */
  public HubServer.Builder apply(HubServer.Builder builder) {
    if (root.has("port")) {
      builder.port(root.get("port").asInt());
    }
    if (root.has("host")) {
      builder.host(root.get("host").asText());
    }
    if (root.has("data")) {
      builder.dataDirectory(path(root.get("data").asText()));
    }
    JsonNode database = root.path("database");
    if (database.has("url")) {
      builder.jdbcUrl(database.get("url").asText(), text(database, "user"), text(database, "password"));
    }
    if (database.has("poolSize")) {
      builder.poolSize(database.get("poolSize").asInt());
    }
    JsonNode trust = root.path("trust");
    if (trust.has("roots")) {
      builder.trustStore(trustStore(trust));
    }
    for (JsonNode admin : root.path("admins")) {
      builder.addAdmin(Pem.certificate(read(admin.asText())));
    }
    JsonNode limits = root.path("limits");
    if (limits.has("maxBodyBytes")) {
      builder.maxBodyBytes(limits.get("maxBodyBytes").asInt());
    }
    if (limits.has("signatureWindowSeconds")) {
      builder.signatureWindow(Duration.ofSeconds(limits.get("signatureWindowSeconds").asLong()));
    }
    if (root.has("calendar")) {
      builder.workingCalendar(workingCalendar());
    }
    if (root.path("audit").has("origin")) {
      builder.auditOrigin(root.path("audit").get("origin").asText());
    }
    if (root.has("exchange")) {
      exchange(root.get("exchange"), builder);
    }
    if (root.has("console")) {
      // console: {admin: <user name>} - the web console's first hub administrator (docs/console.md).
      JsonNode console = root.get("console");
      if (!console.isObject()) {
        throw new IllegalArgumentException("console: expected a mapping");
      }
      requireKnownKeys(console, List.of("admin"), "console");
      if (console.has("admin")) {
        if (!console.get("admin").isTextual()) {
          throw new IllegalArgumentException("console.admin: expected a user name");
        }
        builder.consoleAdmin(console.get("admin").asText());
      }
    }
    if (root.has("development")) {
      development(root.get("development"), builder);
    }
    return builder;
  }

  /**
   * {@code exchange: {identity: {pkcs12, passwordEnv | passwordFile}, ticketLifetimeSeconds,
   * providerTimeoutMillis, rateLimit: {perSecond, burst}, circuit: {failures, openSeconds},
   * maxHeldPolls, retentionDays}}. The PKCS#12 password never sits in the file itself: it comes from an environment
   * variable or a file (e.g. a container secret).
   */
  private void exchange(JsonNode exchange, HubServer.Builder builder) {
    if (!exchange.isObject()) {
      throw new IllegalArgumentException("exchange: expected a mapping");
    }
    requireKnownKeys(exchange, EXCHANGE_KEYS, "exchange");
    JsonNode identity = exchange.path("identity");
    if (!identity.isMissingNode()) {
      requireKnownKeys(identity, List.of("pkcs12", "passwordEnv", "passwordFile"), "exchange.identity");
      if (!identity.path("pkcs12").isTextual()) {
        throw new IllegalArgumentException("exchange.identity.pkcs12: expected the path of the hub's PKCS#12 file");
      }
      char[] password = exchangePassword(identity);
      Path p12 = path(identity.get("pkcs12").asText());
      try {
        builder.exchangeIdentity(dev.shuqiao.crypto.DepartmentIdentity.fromPkcs12(Files.readAllBytes(p12), password));
      } catch (IOException e) {
        throw new IllegalArgumentException("exchange.identity.pkcs12: cannot read " + p12, e);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("exchange.identity.pkcs12: " + p12 + " does not open with the configured"
            + " password as a department identity (" + e.getMessage() + ")", e);
      } finally {
        java.util.Arrays.fill(password, '\0');
      }
    }
    if (exchange.has("ticketLifetimeSeconds")) {
      builder.ticketLifetime(Duration.ofSeconds(number(exchange, "ticketLifetimeSeconds", "exchange").longValue()));
    }
    if (exchange.has("providerTimeoutMillis")) {
      builder.providerTimeout(Duration.ofMillis(number(exchange, "providerTimeoutMillis", "exchange").longValue()));
    }
    if (exchange.has("rateLimit")) {
      JsonNode rate = exchange.get("rateLimit");
      requireKnownKeys(rate, List.of("perSecond", "burst"), "exchange.rateLimit");
      builder.exchangeRateLimit(number(rate, "perSecond", "exchange.rateLimit").doubleValue(),
          number(rate, "burst", "exchange.rateLimit").intValue());
    }
    if (exchange.has("circuit")) {
      JsonNode circuit = exchange.get("circuit");
      requireKnownKeys(circuit, List.of("failures", "openSeconds"), "exchange.circuit");
      builder.circuitBreaker(number(circuit, "failures", "exchange.circuit").intValue(),
          Duration.ofSeconds(number(circuit, "openSeconds", "exchange.circuit").longValue()));
    }
    if (exchange.has("maxHeldPolls")) {
      builder.maxHeldPolls(number(exchange, "maxHeldPolls", "exchange").intValue());
    }
    if (exchange.has("retentionDays")) {
      builder.exchangeRetention(Duration.ofDays(number(exchange, "retentionDays", "exchange").longValue()));
    }
  }

  /** {@code development: {allowInsecureEndpoints: true|false}}: never on a production hub. */
  private static void development(JsonNode development, HubServer.Builder builder) {
    if (!development.isObject()) {
      throw new IllegalArgumentException("development: expected a mapping");
    }
    requireKnownKeys(development, List.of("allowInsecureEndpoints"), "development");
    JsonNode allow = development.path("allowInsecureEndpoints");
    if (!allow.isMissingNode()) {
      if (!allow.isBoolean()) {
        throw new IllegalArgumentException("development.allowInsecureEndpoints: expected true or false");
      }
      builder.allowInsecureEndpoints(allow.booleanValue());
    }
  }

  private char[] exchangePassword(JsonNode identity) {
    boolean env = identity.has("passwordEnv");
    if (env == identity.has("passwordFile")) {
      throw new IllegalArgumentException("exchange.identity: give exactly one of passwordEnv and passwordFile");
    }
    if (env) {
      String name = identity.get("passwordEnv").asText();
      String value = environment.apply(name);
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException("exchange.identity.passwordEnv: the environment variable " + name + " is not set");
      }
      return value.toCharArray();
    }
    Path file = path(identity.get("passwordFile").asText());
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
    } catch (IOException e) {
      throw new IllegalArgumentException("exchange.identity.passwordFile: cannot read " + file, e);
    }
  }

  private static Number number(JsonNode node, String field, String where) {
    JsonNode value = node.path(field);
    if (!value.isNumber()) {
      throw new IllegalArgumentException(where + "." + field + ": expected a number");
    }
    return value.numberValue();
  }

  /** The configured CRL file, if any: {@code trust.crl}, resolved against the configuration's directory. */
  public java.util.Optional<Path> crlFile() {
    JsonNode trust = root.path("trust");
    return trust.has("crl") ? java.util.Optional.of(path(trust.get("crl").asText())) : java.util.Optional.empty();
  }

  /**
   * The working days for deadlines: {@code calendar.holidays} and {@code calendar.workdays}, or
   * Monday to Friday when the file has no {@code calendar}.
   *
   * @throws IllegalArgumentException naming the entry that is wrong, e.g. {@code calendar.holidays[3]}
   */
  public WorkingCalendar workingCalendar() {
    return root.has("calendar") ? calendar(root.get("calendar")) : WorkingCalendar.weekdays();
  }

  /** The trust store as the files name it now (read again on every call, for reloading). */
  public TrustStore trustStore() {
    JsonNode trust = root.path("trust");
    if (!trust.has("roots")) {
      throw new IllegalStateException("the configuration names no trust.roots");
    }
    return trustStore(trust);
  }

  private TrustStore trustStore(JsonNode trust) {
    TrustStore.Builder store = TrustStore.builder().addRoots(Pem.certificates(read(trust.get("roots").asText())));
    if (trust.has("crl")) {
      store.addCrl(Pem.crl(read(trust.get("crl").asText())));
    }
    if (trust.has("revocationRequired")) {
      store.revocationRequired(trust.get("revocationRequired").asBoolean());
    }
    return store.build();
  }

  /**
   * {@code calendar: {holidays: [...], workdays: [...]}}; each entry a date or a range
   * {@code first..last}. Errors name the entry, e.g. {@code calendar.holidays[3]}.
   */
  private static WorkingCalendar calendar(JsonNode calendar) {
    if (!calendar.isObject()) {
      throw new IllegalArgumentException("calendar: expected a mapping with holidays and workdays");
    }
    requireKnownKeys(calendar, List.of("holidays", "workdays"), "calendar");
    WorkingCalendar.Builder builder = WorkingCalendar.builder();
    for (String list : new String[] {"holidays", "workdays"}) {
      JsonNode days = calendar.path(list);
      if (!days.isMissingNode() && !days.isArray()) {
        throw new IllegalArgumentException("calendar." + list + ": expected a list of dates");
      }
      for (int i = 0; i < days.size(); i++) {
        String where = "calendar." + list + "[" + i + "]";
        if (!days.get(i).isTextual()) {
          throw new IllegalArgumentException(where + ": expected a date such as 2026-10-01 (quote it in YAML)");
        }
        try {
          java.time.LocalDate[] range = WorkingCalendar.parseDays(days.get(i).asText());
          if (list.equals("holidays")) {
            builder.holidays(range[0], range[1]);
          } else if (!range[0].equals(range[1])) {
            throw new IllegalArgumentException("a make-up working day is one date, not a range");
          } else {
            builder.workday(range[0]);
          }
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
      }
    }
    return builder.build();
  }

  /** Unknown keys are errors, named with {@code where} (the file, or the enclosing key). */
  private static void requireKnownKeys(JsonNode node, Collection<String> known, String where) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(where + ": unknown key '" + name + "'; known keys: " + known);
      }
    }
  }

  private static String text(JsonNode node, String field) {
    return node.has(field) ? node.get(field).asText() : null;
  }

  private Path path(String value) {
    return base.resolve(value);
  }

  private String read(String file) {
    try {
      return Files.readString(path(file), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path(file), e);
    }
  }
}
