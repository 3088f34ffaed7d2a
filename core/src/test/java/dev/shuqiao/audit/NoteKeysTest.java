package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NoteKeysTest {

  static CheckpointSigner ed25519(String name) {
    try {
      return NoteKeys.ed25519Signer(name, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static CheckpointSigner ecdsa(String name) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return NoteKeys.ecdsaP256Signer(name, generator.generateKeyPair());
  }

  static CheckpointSigner sm2(String name) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
    generator.initialize(new ECGenParameterSpec("sm2p256v1"));
    KeyPair pair = generator.generateKeyPair();
    return NoteKeys.sm2Signer(name, pair);
  }

  static Stream<CheckpointSigner> signers() throws GeneralSecurityException {
    return Stream.of(ed25519("audit.a.example"), ecdsa("audit.a.example"), sm2("audit.a.example"));
  }

  private static Checkpoint sample(CheckpointSigner signer) {
    return Checkpoint.sign("audit.a.example", 1000, HashSuite.SM3.leafHash(new byte[] {1}), 750, signer);
  }

  @ParameterizedTest
  @MethodSource("signers")
  void verify_acceptsTheSignersOwnCheckpointAfterAFormatRoundTrip(CheckpointSigner signer) {
    Checkpoint parsed = Checkpoint.parse(sample(signer).note());
    assertThatCode(() -> parsed.verify(NoteKeys.verifier(signer.verifierKey()))).doesNotThrowAnyException();
    assertThat(parsed.treeSize()).isEqualTo(1000);
    assertThat(parsed.origin()).isEqualTo("audit.a.example");
  }

  @ParameterizedTest
  @MethodSource("signers")
  void verify_rejectsEveryChangedCharacterOfTheNote(CheckpointSigner signer) {
    String note = sample(signer).note();
    CheckpointVerifier verifier = NoteKeys.verifier(signer.verifierKey());
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      String tampered = note.substring(0, i) + (char) (c == 'A' ? 'B' : c == '\n' ? 'x' : 'A') + note.substring(i + 1);
      boolean rejected;
      try {
        Checkpoint.parse(tampered).verify(verifier);
        rejected = false;
      } catch (CheckpointException e) {
        rejected = true;
      }
      assertThat(rejected).as("change at %d of %s", i, note).isTrue();
    }
  }

  @Test
  void verify_rejectsASignatureFromAnotherKeyWithTheSameName() {
    Checkpoint checkpoint = sample(ed25519("audit.a.example"));
    CheckpointVerifier other = NoteKeys.verifier(ed25519("audit.a.example").verifierKey());
    assertThatThrownBy(() -> checkpoint.verify(other)).isInstanceOfSatisfying(CheckpointException.class,
        e -> assertThat(e.failure()).isEqualTo(CheckpointException.Failure.NO_SIGNATURE_FROM_KEY));
  }

  @Test
  void note_hasTheSignedNoteShape() {
    String note = sample(ed25519("audit.a.example")).note();
    String[] lines = note.split("\n", -1);
    assertThat(lines[0]).isEqualTo("audit.a.example");
    assertThat(lines[1]).isEqualTo("1000");
    assertThat(lines[3]).isEqualTo("previous 750");
    assertThat(lines[4]).isEmpty();
    assertThat(lines[5]).startsWith("\u2014 audit.a.example ");
    assertThat(note).endsWith("\n");
  }

  @Test
  void keyId_followsTheSignedNoteRecommendationForEd25519() throws Exception {
    // C2SP signed-note: key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]
    byte[] publicKey = new byte[32];
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update("audit.a.example\n".getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 1);
    byte[] h = sha.digest(publicKey);
    int expected = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    assertThat(NoteKeys.keyId("audit.a.example", NoteKeyType.ED25519, publicKey)).isEqualTo(expected);
  }

  @Test
  void verifier_rejectsAKeyWhoseIdDoesNotMatch() {
    String vkey = ed25519("audit.a.example").verifierKey();
    String[] parts = vkey.split("\\+", 3);
    String wrongId = parts[0] + "+" + (parts[1].startsWith("0") ? "1" : "0") + parts[1].substring(1) + "+" + parts[2];
    assertThatThrownBy(() -> NoteKeys.verifier(wrongId)).isInstanceOf(IllegalArgumentException.class);
  }
}
