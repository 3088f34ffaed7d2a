package dev.shuqiao.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A consumer's application for items of a conditional resource.
 *
 * <pre>{@code
 * CreateGrantOptions application = new CreateGrantOptions("1 01 003/000001", List.of("出生医学证明编号"),
 *     "出生一件事户籍登记", "《户口登记条例》", Instant.now(), Instant.now().plus(Duration.ofDays(365)));
 * }</pre>
 */
public record CreateGrantOptions(String resourceCode, List<String> items, String purpose, String legalBasis,
    Instant validFrom, Instant validUntil) {

  public CreateGrantOptions {
    Objects.requireNonNull(resourceCode, "resourceCode");
    items = List.copyOf(items);
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(legalBasis, "legalBasis");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
  }
}
