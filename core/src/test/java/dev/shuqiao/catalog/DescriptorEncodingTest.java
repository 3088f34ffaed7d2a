package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Descriptor files are UTF-8, with or without a byte order mark. A file in another encoding is one
 * positioned problem that names the encoding found and the fix, never a decoder exception.
 */
class DescriptorEncodingTest {

  @TempDir
  Path dir;

  private final CatalogReader reader = Descriptors.reader();

  @Test
  void utf8WithAByteOrderMark_isReadLikeWithout_asJsonAndAsYaml() throws Exception {
    String json = CatalogWriter.toJson(reader.read("v.yaml", Descriptors.VALID).catalog().orElseThrow(),
        reader.codeFormat());
    for (String text : new String[] {json, Descriptors.VALID, "\n  " + json}) {
      Path file = dir.resolve("bom-" + text.hashCode());
      Files.write(file, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8)));

      ValidationReport report = reader.read(file);

      assertThat(report.problems()).isEmpty();
      assertThat(report.catalog()).isEqualTo(reader.read("plain", text).catalog());
    }
    assertThat(reader.read("bom.json", "\uFEFF" + json).problems()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "UTF-16LE, true, UTF-16LE", "UTF-16BE, true, UTF-16BE", "UTF-16LE, false, UTF-16LE", "UTF-16BE, false, UTF-16BE",
      "UTF-32BE, true, UTF-32BE", "UTF-32LE, true, UTF-32LE"})
  void utf16And32Files_areOneProblemNamingTheEncoding(String charset, boolean bom, String named) throws Exception {
    byte[] bytes = ((bom ? "\uFEFF" : "") + Descriptors.VALID).getBytes(Charset.forName(charset));
    Path file = Files.write(dir.resolve("wide.yaml"), bytes);

    ValidationReport report = reader.read(file);

    assertThat(report.catalog()).isEmpty();
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.PARSE_ERROR);
      assertThat(p.message()).contains(named).contains("not UTF-8").contains("save it as UTF-8");
      assertThat(p.position()).isPresent();
    });
  }

  @ParameterizedTest
  @CsvSource({"GBK", "GB18030", "GB2312"})
  void aGbkFile_isAProblemAtTheFirstNonUtf8CharacterNamingGbk(String charset) throws Exception {
    Path file = Files.write(dir.resolve("gbk.yaml"), Descriptors.VALID.getBytes(Charset.forName(charset)));

    ValidationReport report = reader.read(file);

    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.message()).contains("GBK").contains("iconv -f GB18030 -t UTF-8");
      assertThat(p.position().orElseThrow().line()).isEqualTo(3); // "  title: 测试目录"
      assertThat(p.position().orElseThrow().column()).isEqualTo(10);
    });
  }

  @Test
  void otherBytesThatAreNotUtf8_areAProblemWithTheirPosition() throws Exception {
    byte[] latin1 = "version: 1\ncatalog:\n  title: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = Arrays.copyOf(latin1, latin1.length + 1);
    bytes[bytes.length - 1] = (byte) 0xFF; // not GB18030 either
    Path file = Files.write(dir.resolve("latin1.yaml"), bytes);

    ValidationReport report = reader.read(file);

    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.message()).contains("not valid UTF-8").contains("0xE9");
      assertThat(p.position().orElseThrow().line()).isEqualTo(3);
      assertThat(p.position().orElseThrow().column()).isEqualTo(13);
    });
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
