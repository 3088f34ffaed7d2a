package dev.shuqiao.hub.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A migration script that is not in the list never runs: every file is listed, in number order. */
class MigrationsTest {

  @Test
  void everyScriptInTheSourceTree_isListedOnce_atThePositionOfItsNumber() throws Exception {
    List<String> files = new ArrayList<>();
    try (Stream<Path> listed = Files.list(Path.of("src/main/resources/dev/shuqiao/hub/internal/store"))) {
      listed.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.+\\.sql")).forEach(files::add);
    }
    assertThat(Migrations.SCRIPTS).containsExactlyInAnyOrderElementsOf(files);
    for (int i = 0; i < Migrations.SCRIPTS.size(); i++) {
      assertThat(Migrations.SCRIPTS.get(i)).startsWith("V" + (i + 1) + "__");
    }
  }
}
