package dev.shuqiao.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Cross-checks the exchange records of the hub's audit log and the departments' logs
 * (docs/exchange.md §8): every exchange message id one side has and another lacks, and every
 * exchange whose sides disagree on the final outcome (delivered or refused), on the resource, the
 * case or the grant. Reads the logs only.
 *
 * <pre>{@code
 * ExchangeAuditReport report = ExchangeAuditCheck.builder()
 *     .hub(Path.of("/var/lib/shuqiao-hub/audit"))
 *     .department("11450200MB12345623", Path.of("/srv/police/audit"))   // the owner's credit code
 *     .department("11450200MB7654322J", Path.of("/srv/health/audit"))
 *     .build().run();
 * report.discrepancies().forEach(System.out::println);
 * }</pre>
 *
 * <p>Who must hold an exchange, by the protocol: the <b>consumer</b> (the actor of every record)
 * audits before it sends, so it holds every exchange any other side holds. The <b>hub</b> holds
 * every exchange a provider holds (a provider acts only on a hub ticket) and every exchange the
 * consumer saw delivered or refused as denied; a consumer's failure may have happened before its
 * request reached the hub. The <b>provider</b> holds every exchange for which the hub issued a
 * ticket ({@code exchange.request} on the hub) unless the hub recorded the relay as failed (the
 * provider down or silent). Sides that hold an exchange must agree on its final outcome: {@code
 * exchange.deliver}, or {@code exchange.refuse}, or neither (request only).
 *
 * <p>The provider of a resource is the department in whose log an exchange of that resource appears
 * with another department as actor; {@link Builder#provider} states it instead. A department whose
 * log was not given is not checked, and the report says so in its notes.
 */
public final class ExchangeAuditCheck {

  /** The label of the hub's side in reports. */
  public static final String HUB = "hub";

  private final List<Source> hub;
  private final Map<String, Source> departments;
  private final Map<String, String> providers;

  private ExchangeAuditCheck(Builder builder) {
    this.hub = List.copyOf(builder.hub);
    this.departments = new LinkedHashMap<>(builder.departments);
    this.providers = Map.copyOf(builder.providers);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the logs and compares them.
   *
   * @throws IOException if a log directory cannot be read
   * @throws AuditLogCorruptedException if a log is damaged (verify it with {@link AuditVerifier})
   */
  public ExchangeAuditReport run() throws IOException {
    Map<String, Map<String, ExchangeSide>> bySide = new LinkedHashMap<>();
    bySide.put(HUB, ExchangeSide.collect(hub.get(0).entries()));
    for (Map.Entry<String, Source> department : departments.entrySet()) {
      bySide.put(department.getKey(), ExchangeSide.collect(department.getValue().entries()));
    }
    List<String> notes = new ArrayList<>();
    Map<String, String> resourceProviders = inferProviders(bySide, notes);
    return ExchangeComparison.compare(bySide, resourceProviders, notes);
  }

  /** Explicit providers first; otherwise the owner of a log holding another department's exchange of the resource. */
  private Map<String, String> inferProviders(Map<String, Map<String, ExchangeSide>> bySide, List<String> notes) {
    Map<String, String> out = new TreeMap<>(providers);
    for (String owner : departments.keySet()) {
      for (ExchangeSide side : bySide.get(owner).values()) {
        if (side.consumer().equals(owner) || providers.containsKey(side.resourceCode())) {
          continue;
        }
        String known = out.putIfAbsent(side.resourceCode(), owner);
        if (known != null && !known.equals(owner)) {
          notes.add("resource " + side.resourceCode() + " appears as provided by both " + known + " and " + owner
              + "; " + known + " is taken as its provider");
        }
      }
    }
    return out;
  }

  /** A log to read: a directory (read-only, no lock) or an open {@link AuditLog}. */
  private interface Source {
    List<AuditEvent> entries() throws IOException;
  }

  private static Source directory(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return () -> {
      LogFiles.readSettings(dir);
      List<AuditEvent> events = new ArrayList<>();
      SegmentScanner.scan(LogFiles.segments(dir), record -> events.add(decode(record)));
      return events;
    };
  }

  private static AuditEvent decode(SegmentScanner.Record record) {
    try {
      return EventCodec.decode(record.payload());
    } catch (IllegalArgumentException e) {
      throw new AuditLogCorruptedException(record.index(), record.segment(), record.offset(),
          "record is not a valid event: " + e.getMessage());
    }
  }

  private static Source log(AuditLog log) {
    Objects.requireNonNull(log, "log");
    return () -> {
      long size = log.size();
      List<AuditEvent> events = new ArrayList<>((int) Math.min(size, 1 << 20));
      for (long i = 0; i < size; i++) {
        events.add(log.read(i));
      }
      return events;
    };
  }

  /** Builds an {@link ExchangeAuditCheck}: the hub's log and at least one department's log are required. */
  public static final class Builder {
    private final List<Source> hub = new ArrayList<>(1);
    private final Map<String, Source> departments = new LinkedHashMap<>();
    private final Map<String, String> providers = new LinkedHashMap<>();

    private Builder() {}

    /** The hub's log directory. */
    public Builder hub(Path dir) {
      return hub(directory(dir));
    }

    /** The hub's open log. */
    public Builder hub(AuditLog log) {
      return hub(log(log));
    }

    private Builder hub(Source source) {
      if (!hub.isEmpty()) {
        throw new IllegalStateException("the hub's log is already given");
      }
      hub.add(source);
      return this;
    }

    /** The log directory of the department with credit code {@code code}. */
    public Builder department(String code, Path dir) {
      return department(code, directory(dir));
    }

    /** The open log of the department with credit code {@code code}. */
    public Builder department(String code, AuditLog log) {
      return department(code, log(log));
    }

    private Builder department(String code, Source source) {
      Objects.requireNonNull(code, "code");
      if (code.isBlank() || code.equals(HUB)) {
        throw new IllegalArgumentException("a department's log is labelled with its credit code, got '" + code + "'");
      }
      if (departments.putIfAbsent(code, source) != null) {
        throw new IllegalArgumentException("department " + code + " is given twice");
      }
      return this;
    }

    /** States that department {@code providerCode} provides resource {@code resourceCode}, instead of inferring it. */
    public Builder provider(String resourceCode, String providerCode) {
      providers.put(Objects.requireNonNull(resourceCode, "resourceCode"), Objects.requireNonNull(providerCode,
          "providerCode"));
      return this;
    }

    public ExchangeAuditCheck build() {
      if (hub.isEmpty() || departments.isEmpty()) {
        throw new IllegalStateException("the hub's log and at least one department's log are required");
      }
      return new ExchangeAuditCheck(this);
    }
  }
}
