package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The user documentation names every rule, so a new rule cannot ship undocumented. */
class CatalogDocsTest {

  @Test
  void docs_describeEveryRule() throws Exception {
    String docs = Files.readString(Path.of("../docs/catalog.md"));

    for (CatalogRule rule : CatalogRule.values()) {
      assertThat(docs).as(rule.id()).contains("| `" + rule.id() + "` | " + rule.severity().label() + " |");
    }
  }
}
