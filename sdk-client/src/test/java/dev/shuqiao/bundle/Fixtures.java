package dev.shuqiao.bundle;

import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.ValidationReport;
import dev.shuqiao.crypto.StorageKey;
import dev.shuqiao.crypto.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The birth catalog and bundle of the tests (test resources of this package). */
final class Fixtures {

  /** The journal key of the tests' runners: fixed, so that a runner in another JVM resumes their cases. */
  static final StorageKey JOURNAL_KEY = StorageKey.fromSecret(Suite.INTL, "bundle-journal-test-key-32-bytes".getBytes(StandardCharsets.US_ASCII));

  private Fixtures() {}

  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Catalog catalog() {
    ValidationReport report = CatalogReader.create().read("birth-catalog.yaml", text("birth-catalog.yaml"));
    return report.catalog().orElseThrow(() -> new AssertionError(report.problems()));
  }

  static ResourceLookup lookup() {
    return ResourceLookup.of(catalog());
  }

  static BundleDefinition birth() {
    return BundleDefinition.read("birth-bundle.yaml", text("birth-bundle.yaml"), lookup());
  }

  /** The birth bundle with {@code from} replaced by {@code to} (which must occur). */
  static BundleDefinition birthWith(String from, String to) {
    String text = text("birth-bundle.yaml");
    if (!text.contains(from)) {
      throw new AssertionError("not in birth-bundle.yaml: " + from);
    }
    return BundleDefinition.read("birth-bundle.yaml", text.replace(from, to), lookup());
  }
}
