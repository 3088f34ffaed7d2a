package dev.shuqiao.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One exchange a consumer asks for: which resource and items of it, the query parameters (sealed
 * for the provider, never seen by the hub), and the purpose, case and grant the hub checks.
 * Immutable; {@link Builder#build()} checks the limits of {@code docs/exchange.md} §2 and names
 * every field that breaks them.
 *
 * <pre>{@code
 * ExchangeRequest request = ExchangeRequest.builder()
 *     .resourceCode("1 01 003/000001")
 *     .items(List.of("出生医学证明编号", "新生儿姓名"))
 *     .parameter("出生医学证明编号", "Q450200123")
 *     .subject("450202201501010012")          // pseudonymized for the audit log, sealed otherwise
 *     .purpose("出生一件事：户籍登记")
 *     .caseId("BIRTH-450200-000017")
 *     .grantId(grant.id())                     // for a conditional resource
 *     .timeout(Duration.ofSeconds(10))         // default 30 s
 *     .build();
 * }</pre>
 */
public final class ExchangeRequest {

  /** The deadline when none is set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** The longest deadline a request may set. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  private final String resourceCode;
  private final List<String> items;
  private final Map<String, String> parameters;
  private final String subject;
  private final String purpose;
  private final String caseId;
  private final String grantId;
  private final Duration timeout;

  private ExchangeRequest(Builder b) {
    this.resourceCode = b.resourceCode;
    this.items = List.copyOf(b.items);
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
    this.subject = b.subject;
    this.purpose = b.purpose;
    this.caseId = b.caseId;
    this.grantId = b.grantId;
    this.timeout = b.timeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's values, to derive a similar request. */
  public Builder newBuilder() {
    Builder b = new Builder().resourceCode(resourceCode).items(items).parameters(parameters).purpose(purpose)
        .timeout(timeout);
    b.subject = subject;
    b.caseId = caseId;
    b.grantId = grantId;
    return b;
  }

  public String resourceCode() {
    return resourceCode;
  }

  /** The information items wanted, in request order. */
  public List<String> items() {
    return items;
  }

  /** The query parameters, in insertion order; they travel only inside the sealed query. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** The data subject's identifier: sealed for the provider, and pseudonymized in the audit log. */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  public String purpose() {
    return purpose;
  }

  public Optional<String> caseId() {
    return Optional.ofNullable(caseId);
  }

  public Optional<String> grantId() {
    return Optional.ofNullable(grantId);
  }

  /** How long the whole call may take, lookups and retries included. */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    // The parameters and the subject are personal data: never in a log line.
    return "ExchangeRequest[" + resourceCode + ", items=" + items + ", case=" + caseId + ", grant=" + grantId + "]";
  }

  /** Builds an {@link ExchangeRequest}; resource code, at least one item and a purpose are required. */
  public static final class Builder {
    private String resourceCode;
    private final List<String> items = new ArrayList<>();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private String subject;
    private String purpose;
    private String caseId;
    private String grantId;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    public Builder resourceCode(String resourceCode) {
      this.resourceCode = Objects.requireNonNull(resourceCode, "resourceCode");
      return this;
    }

    /** Replaces the items asked for. */
    public Builder items(List<String> items) {
      Objects.requireNonNull(items, "items").forEach(i -> Objects.requireNonNull(i, "item"));
      this.items.clear();
      this.items.addAll(items);
      return this;
    }

    public Builder addItem(String item) {
      items.add(Objects.requireNonNull(item, "item"));
      return this;
    }

    /** Replaces the query parameters. */
    public Builder parameters(Map<String, String> parameters) {
      Objects.requireNonNull(parameters, "parameters").forEach(this::checkParameter);
      this.parameters.clear();
      this.parameters.putAll(parameters);
      return this;
    }

    public Builder parameter(String name, String value) {
      checkParameter(name, value);
      parameters.put(name, value);
      return this;
    }

    private void checkParameter(String name, String value) {
      Objects.requireNonNull(name, "parameter name");
      Objects.requireNonNull(value, "value of parameter " + name);
    }

    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    public Builder purpose(String purpose) {
      this.purpose = Objects.requireNonNull(purpose, "purpose");
      return this;
    }

    public Builder caseId(String caseId) {
      this.caseId = Objects.requireNonNull(caseId, "caseId");
      return this;
    }

    /** The approved grant; required for a conditional resource. */
    public Builder grantId(String grantId) {
      this.grantId = Objects.requireNonNull(grantId, "grantId");
      return this;
    }

    /** The deadline of the whole call (default 30 s, at most 10 minutes). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * @throws IllegalArgumentException naming every field that is missing or out of its limits
     */
    public ExchangeRequest build() {
      List<String> problems = new ArrayList<>();
      text(problems, "resourceCode", resourceCode, 64, true);
      if (items.isEmpty() || items.size() > 500) {
        problems.add("items: 1 to 500 items are required, got " + items.size());
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < items.size(); i++) {
        String item = items.get(i);
        text(problems, "items[" + i + "]", item, 200, true);
        if (!seen.add(item)) {
          problems.add("items[" + i + "]: '" + item + "' is listed twice");
        }
      }
      for (String name : parameters.keySet()) {
        if (name.isBlank()) {
          problems.add("parameters: a parameter name is blank");
        }
      }
      if (subject != null && subject.isBlank()) {
        problems.add("subject: blank; leave it unset when there is no subject");
      }
      text(problems, "purpose", purpose, 2000, true);
      text(problems, "caseId", caseId, 256, false);
      text(problems, "grantId", grantId, 256, false);
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
        problems.add("timeout: must be more than 0 and at most " + MAX_TIMEOUT.toMinutes() + " minutes, got " + timeout);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("invalid exchange request: " + String.join("; ", problems));
      }
      return new ExchangeRequest(this);
    }

    private static void text(List<String> problems, String field, String value, int max, boolean required) {
      if (value == null) {
        if (required) {
          problems.add(field + ": required");
        }
        return;
      }
      if (value.isBlank()) {
        problems.add(field + ": blank");
      } else if (value.codePointCount(0, value.length()) > max) {
        problems.add(field + ": longer than " + max + " characters");
      } else if (value.chars().anyMatch(Character::isISOControl)) {
        problems.add(field + ": contains a control character");
      }
    }
  }
}
