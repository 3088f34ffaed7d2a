package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MerkleTreeTest {

  /** The eight leaves of the RFC 6962 test tree used by the golden vectors. */
  private static final List<byte[]> RFC6962_LEAVES = List.of(
      hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"), hex("40414243"),
      hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));

  @Test
  void root_matchesTheGoldenVectorRootOfTheRfc6962Tree() {
    MerkleTree tree = tree(HashSuite.SHA256, RFC6962_LEAVES);
    assertThat(Base64.getEncoder().encodeToString(tree.root(8)))
        .isEqualTo("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=");
    assertThat(Base64.getEncoder().encodeToString(tree.root(1)))
        .isEqualTo("bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=");
    assertThat(Base64.getEncoder().encodeToString(tree.root(0)))
        .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  }

  @Test
  void sm3_matchesTheGbtKnownAnswer() {
    assertThat(HexFormat.of().formatHex(HashSuite.SM3.digest("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  }

  @ParameterizedTest
  @EnumSource(HashSuite.class)
  void root_matchesTheReferenceForEverySizeUpTo70(HashSuite suite) {
    List<byte[]> entries = entries(70);
    MerkleTree tree = tree(suite, entries);
    ReferenceMerkle reference = new ReferenceMerkle(suite);
    for (int n = 0; n <= 70; n++) {
      assertThat(tree.root(n)).as("size %d", n).isEqualTo(reference.mth(entries.subList(0, n)));
    }
  }

  @ParameterizedTest
  @EnumSource(HashSuite.class)
  void inclusionProof_matchesTheReferenceAndVerifiesForEveryLeaf(HashSuite suite) {
    List<byte[]> entries = entries(33);
    MerkleTree tree = tree(suite, entries);
    ReferenceMerkle reference = new ReferenceMerkle(suite);
    for (int n = 1; n <= 33; n++) {
      byte[] root = tree.root(n);
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = tree.inclusionProof(i, n);
        assertThat(proof).as("leaf %d of %d", i, n).containsExactlyElementsOf(reference.path(i, entries.subList(0, n)));
        MerkleProofs.verifyInclusion(suite, i, n, tree.leafHash(i), proof, root);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HashSuite.class)
  void consistencyProof_matchesTheReferenceAndVerifiesForEveryPair(HashSuite suite) {
    List<byte[]> entries = entries(33);
    MerkleTree tree = tree(suite, entries);
    ReferenceMerkle reference = new ReferenceMerkle(suite);
    for (int n = 1; n <= 33; n++) {
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = tree.consistencyProof(m, n);
        if (m < n) {
          assertThat(proof).as("%d to %d", m, n).containsExactlyElementsOf(reference.proof(m, entries.subList(0, n)));
        }
        MerkleProofs.verifyConsistency(suite, m, n, tree.root(m), tree.root(n), proof);
      }
    }
  }

  @Test
  void verifyInclusion_rejectsEveryFlippedBitInProofLeafAndRoot() {
    MerkleTree tree = tree(HashSuite.SM3, entries(13));
    List<byte[]> proof = tree.inclusionProof(5, 13);
    byte[] leaf = tree.leafHash(5);
    byte[] root = tree.root(13);
    for (int h = 0; h < proof.size(); h++) {
      for (int bit = 0; bit < 256; bit++) {
        List<byte[]> tampered = new ArrayList<>(proof);
        tampered.set(h, flip(proof.get(h), bit));
        assertRootMismatch(() -> MerkleProofs.verifyInclusion(HashSuite.SM3, 5, 13, leaf, tampered, root));
      }
    }
    for (int bit = 0; bit < 256; bit++) {
      byte[] badLeaf = flip(leaf, bit);
      byte[] badRoot = flip(root, bit);
      assertRootMismatch(() -> MerkleProofs.verifyInclusion(HashSuite.SM3, 5, 13, badLeaf, proof, root));
      assertRootMismatch(() -> MerkleProofs.verifyInclusion(HashSuite.SM3, 5, 13, leaf, proof, badRoot));
    }
  }

  @Test
  void verifyConsistency_rejectsEveryFlippedBitInTheProof() {
    MerkleTree tree = tree(HashSuite.SHA256, entries(21));
    List<byte[]> proof = tree.consistencyProof(6, 21);
    for (int h = 0; h < proof.size(); h++) {
      for (int bit = 0; bit < 256; bit++) {
        List<byte[]> tampered = new ArrayList<>(proof);
        tampered.set(h, flip(proof.get(h), bit));
        assertRootMismatch(() -> MerkleProofs.verifyConsistency(HashSuite.SHA256, 6, 21, tree.root(6), tree.root(21),
            tampered));
      }
    }
  }

  @Test
  void verifyConsistency_rejectsAProofFromTheEmptyTree() {
    MerkleTree tree = tree(HashSuite.SHA256, entries(4));
    assertThatThrownBy(() -> MerkleProofs.verifyConsistency(HashSuite.SHA256, 0, 4, tree.root(0), tree.root(4),
        List.of()))
        .isInstanceOfSatisfying(ProofException.class,
            e -> assertThat(e.failure()).isEqualTo(ProofException.Failure.EMPTY_OLD_TREE));
  }

  @Test
  void verifyInclusion_rejectsAProofOfTheWrongLength() {
    MerkleTree tree = tree(HashSuite.SHA256, entries(8));
    List<byte[]> proof = new ArrayList<>(tree.inclusionProof(3, 8));
    proof.remove(proof.size() - 1);
    assertThatThrownBy(() -> MerkleProofs.verifyInclusion(HashSuite.SHA256, 3, 8, tree.leafHash(3), proof,
        tree.root(8)))
        .isInstanceOfSatisfying(ProofException.class,
            e -> assertThat(e.failure()).isEqualTo(ProofException.Failure.WRONG_PROOF_SIZE));
  }

  private static void assertRootMismatch(Runnable verify) {
    assertThatThrownBy(verify::run).isInstanceOfSatisfying(ProofException.class,
        e -> assertThat(e.failure()).isEqualTo(ProofException.Failure.ROOT_MISMATCH));
  }

  static MerkleTree tree(HashSuite suite, List<byte[]> entries) {
    MerkleTree tree = new MerkleTree(suite);
    entries.forEach(e -> tree.append(suite.leafHash(e)));
    return tree;
  }

  static List<byte[]> entries(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(("entry-" + i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static byte[] flip(byte[] in, int bit) {
    byte[] out = in.clone();
    out[bit / 8] ^= (byte) (1 << (bit % 8));
    return out;
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
