package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading time is linear in the keys of one mapping: 100,000 keys took 82 s when every key was
 * looked up by scanning the keys before it. The bound here is generous for a loaded machine and
 * still far below what the quadratic reader needed.
 */
class WideMappingTest {

  private static final int KEYS = 100_000;
  private static final Duration BOUND = Duration.ofSeconds(20);

  private final CatalogReader reader = Descriptors.reader();

  @ParameterizedTest
  @ValueSource(strings = {"top-level block YAML", "nested block YAML", "flow YAML", "JSON", "duplicates YAML"})
  void aMappingWith100000Keys_isReadInLinearTime(String shape) {
    String document = document(shape);

    ValidationReport report = assertTimeoutPreemptively(BOUND, () -> reader.read("wide", document));

    if (shape.startsWith("duplicates")) {
      assertThat(report.errors()).filteredOn(p -> p.rule() == CatalogRule.DUPLICATE_KEY).hasSize(KEYS / 2);
    } else {
      assertThat(report.warnings()).filteredOn(p -> p.rule() == CatalogRule.UNKNOWN_FIELD).hasSize(KEYS);
    }
  }

  private static String document(String shape) {
    return switch (shape) {
      case "top-level block YAML" -> Descriptors.VALID + lines(i -> "k" + i + ": v\n");
      case "nested block YAML" -> Descriptors.VALID.replace("catalog:\n",
          "catalog:\n" + lines(i -> "  k" + i + ": v\n"));
      case "flow YAML" -> "# a flow mapping\n{version: 1, " + lines(i -> "k" + i + ": v, ") + "resources: []}\n";
      case "JSON" -> "{\"version\": 1, " + lines(i -> "\"k" + i + "\": 1, ") + "\"resources\": []}";
      case "duplicates YAML" -> Descriptors.VALID + lines(i -> "k" + (i / 2) + ": v\n");
      default -> throw new IllegalArgumentException(shape);
    };
  }

  private static String lines(IntFunction<String> line) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < KEYS; i++) {
      out.append(line.apply(i));
    }
    return out.toString();
  }
}
