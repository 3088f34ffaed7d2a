package dev.shuqiao.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each file of one {@code catalog validate} run gets its own result, whatever is wrong with another. */
class CatalogValidateFilesTest {

  private static final String SAMPLE = "../examples/catalogs/birth-catalog.yaml";

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aGbkAndAUtf16File_getTheirOwnProblems_andTheOtherFilesAreStillValidated_asJson() throws Exception {
    String sample = Files.readString(Path.of(SAMPLE));
    Path gbk = Files.write(dir.resolve("gbk.yaml"), sample.getBytes(Charset.forName("GBK")));
    Path utf16 = Files.write(dir.resolve("utf16.yaml"), ("\uFEFF" + sample).getBytes(StandardCharsets.UTF_16LE));

    int exit = run("catalog", "validate", "--format", "json", gbk.toString(), SAMPLE, utf16.toString());

    assertThat(exit).isEqualTo(Command.FINDINGS);
    JsonNode files = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(files).hasSize(3);
    assertThat(files.get(0).get("valid").asBoolean()).isFalse();
    assertThat(files.get(0).get("problems").get(0).get("message").asText()).contains("GBK");
    assertThat(files.get(0).get("problems").get(0).has("line")).isTrue();
    assertThat(files.get(1).get("valid").asBoolean()).isTrue();
    assertThat(files.get(2).get("problems").get(0).get("message").asText()).contains("UTF-16LE");
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("Input length");
  }

  @Test
  void aGbkFile_asText_isReportedAndTheNextFileValidated() throws Exception {
    Path gbk = Files.write(dir.resolve("gbk.yaml"), Files.readString(Path.of(SAMPLE)).getBytes(Charset.forName("GBK")));

    assertThat(run("catalog", "validate", gbk.toString(), SAMPLE)).isEqualTo(Command.FINDINGS);

    assertThat(out.toString(StandardCharsets.UTF_8)).contains(gbk + ": INVALID")
        .contains("birth-catalog.yaml: valid (5 resources");
  }

  @Test
  void aMissingFile_stillGivesJsonAndTheOtherFilesResults() throws Exception {
    int exit = run("catalog", "validate", "--format", "json", SAMPLE, "no/such.yaml", SAMPLE);

    assertThat(exit).isEqualTo(ShuqiaoCli.FAILURE);
    JsonNode files = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(files).hasSize(3);
    assertThat(files.get(0).get("valid").asBoolean()).isTrue();
    assertThat(files.get(1).get("error").asText()).isEqualTo("no such file");
    assertThat(files.get(1).get("valid").asBoolean()).isFalse();
    assertThat(files.get(2).get("valid").asBoolean()).isTrue();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no/such.yaml: no such file");
  }

  private int run(String... args) {
    return ShuqiaoCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
