package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The transparency-dev/merkle golden vectors: only the happy paths may verify. */
class MerkleVectorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> inclusionVectors() throws Exception {
    return vectors("inclusion");
  }

  static Stream<Path> consistencyVectors() throws Exception {
    return vectors("consistency");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inclusionVectors")
  void verifyInclusion_acceptsOnlyHappyPathVectors(Path file) throws IOException {
    JsonNode v = JSON.readTree(file.toFile());
    Runnable verify = () -> MerkleProofs.verifyInclusion(HashSuite.SHA256, v.get("leafIdx").bigIntegerValue().longValue(),
        v.get("treeSize").bigIntegerValue().longValue(), bytes(v.get("leafHash")), hashes(v.get("proof")),
        bytes(v.get("root")));
    expect(v, verify);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("consistencyVectors")
  void verifyConsistency_acceptsOnlyHappyPathVectors(Path file) throws IOException {
    JsonNode v = JSON.readTree(file.toFile());
    Runnable verify = () -> MerkleProofs.verifyConsistency(HashSuite.SHA256, v.get("size1").bigIntegerValue().longValue(),
        v.get("size2").bigIntegerValue().longValue(), bytes(v.get("root1")), bytes(v.get("root2")),
        hashes(v.get("proof")));
    expect(v, verify);
  }

  @Test
  void vectors_includeTheUnsignedIndexAndEmptyOldTreeTraps() throws Exception {
    assertThat(vectors("inclusion").map(Path::toString)).anyMatch(p -> p.endsWith("leafIdx-sub-@1.json"));
    assertThat(vectors("consistency").map(Path::toString))
        .anyMatch(p -> p.endsWith("consistency-check-on-empty-tree-size1-is-zero-is-useless.json"));
  }

  @Test
  void verifyInclusion_treatsAllOnesIndexAsUnsignedNotMinusOne() {
    byte[] leaf = HashSuite.SHA256.leafHash(new byte[0]);
    assertThatThrownBy(() -> MerkleProofs.verifyInclusion(HashSuite.SHA256, -1L, 1, leaf, List.of(), leaf))
        .isInstanceOfSatisfying(ProofException.class,
            e -> assertThat(e.failure()).isEqualTo(ProofException.Failure.INDEX_OUT_OF_RANGE))
        .hasMessageContaining("18446744073709551615");
  }

  private static void expect(JsonNode v, Runnable verify) {
    if (v.get("wantErr").asBoolean()) {
      assertThatThrownBy(verify::run).as(v.get("desc").asText()).isInstanceOf(ProofException.class);
    } else {
      assertThatCode(verify::run).as(v.get("desc").asText()).doesNotThrowAnyException();
    }
  }

  private static byte[] bytes(JsonNode node) {
    return node == null || node.isNull() ? new byte[0] : Base64.getDecoder().decode(node.asText());
  }

  private static List<byte[]> hashes(JsonNode node) {
    List<byte[]> out = new ArrayList<>();
    if (node != null && !node.isNull()) {
      node.forEach(h -> out.add(bytes(h)));
    }
    return out;
  }

  private static Stream<Path> vectors(String kind) throws IOException, URISyntaxException {
    Path root = Path.of(MerkleVectorsTest.class.getResource("/vectors/merkle/" + kind).toURI());
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(files).isNotEmpty();
      return files.stream();
    }
  }
}
