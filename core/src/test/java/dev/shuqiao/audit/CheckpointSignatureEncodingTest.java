package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A checkpoint's ECDSA signature has exactly one accepted encoding, strict DER, as OpenSSL reads it:
 * the same r and s re-encoded (BER length forms, padded integers, trailing bytes) fail verification,
 * in {@link Checkpoint#verify} and in {@code audit verify}.
 */
class CheckpointSignatureEncodingTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"long-sequence-length", "long-r-length", "padded-r", "padded-s", "trailing-byte",
      "trailing-zero", "indefinite-length", "sequence-length-too-long", "swapped-tag",
      "r-missing-zero", "s-missing-zero"})
  void reEncodedEcdsaSignature_failsTheCheckpointAndAuditVerify(String how) throws Exception {
    CheckpointSigner signer = NoteKeysTest.ecdsa("audit.der.example");
    try (AuditLog log = AuditLog.builder().directory(dir).origin("audit.der.example").open()) {
      for (int n = 0; n < 5; n++) {
        log.append(TestEvents.event(n));
      }
      log.checkpoint(signer);
    }
    Path note = dir.resolve("checkpoints").resolve(String.format("%020d.note", 5));
    Checkpoint stored = Checkpoint.parse(Files.readString(note, StandardCharsets.UTF_8));
    String text;
    do { // the same checkpoint, signed until r and s both have their high bit set (DER pads them with 0x00)
      text = Checkpoint.sign(stored.origin(), 5, stored.rootHash(), 0, signer).note();
    } while (!bothPadded(text));
    Files.writeString(note, text, StandardCharsets.UTF_8);
    CheckpointVerifier verifier = NoteKeys.verifier(signer.verifierKey());
    String signed = text;
    assertThatCode(() -> Checkpoint.parse(signed).verify(verifier)).doesNotThrowAnyException();
    assertThat(AuditVerifier.withKeys(List.of(verifier)).verify(dir).ok()).isTrue();

    int space = text.lastIndexOf(' ');
    byte[] blob = Base64.getDecoder().decode(text.substring(space + 1).strip());
    byte[] der = Arrays.copyOfRange(blob, 4, blob.length);
    byte[] changed = reEncode(der, how);
    byte[] newBlob = concat(Arrays.copyOf(blob, 4), changed);
    String forged = text.substring(0, space + 1) + Base64.getEncoder().encodeToString(newBlob) + "\n";
    Files.writeString(note, forged, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Checkpoint.parse(forged).verify(verifier)).isInstanceOf(CheckpointException.class);
    VerificationReport report = AuditVerifier.withKeys(List.of(verifier)).verify(dir);
    assertThat(report.ok()).as(HexFormat.of().formatHex(changed)).isFalse();
    assertThat(report.problem().orElseThrow().location()).contains("00000000000000000005.note");
  }

  /** The same r and s as {@code der} (30 len 02 rlen r 02 slen s), encoded some other way. */
  private static byte[] reEncode(byte[] der, String how) {
    int rLength = der[3];
    byte[] r = Arrays.copyOfRange(der, 4, 4 + rLength);
    int sAt = 4 + rLength;
    byte[] s = Arrays.copyOfRange(der, sAt + 2, sAt + 2 + der[sAt + 1]);
    return switch (how) {
      case "long-sequence-length" -> concat(new byte[] {0x30, (byte) 0x81, der[1]}, Arrays.copyOfRange(der, 2, der.length));
      case "long-r-length" -> sequence(concat(new byte[] {0x02, (byte) 0x81, (byte) r.length}, r), integer(s));
      case "padded-r" -> sequence(integer(concat(new byte[] {0}, r)), integer(s));
      case "padded-s" -> sequence(integer(r), integer(concat(new byte[] {0}, s)));
      case "trailing-byte" -> concat(der, new byte[] {0x05});
      case "trailing-zero" -> concat(der, new byte[] {0x00, 0x00});
      case "indefinite-length" -> concat(concat(new byte[] {0x30, (byte) 0x80}, Arrays.copyOfRange(der, 2, der.length)),
          new byte[] {0, 0});
      case "sequence-length-too-long" -> concat(new byte[] {0x30, (byte) (der[1] + 1)},
          concat(Arrays.copyOfRange(der, 2, der.length), new byte[] {0}));
      case "r-missing-zero" -> sequence(integer(Arrays.copyOfRange(r, 1, r.length)), integer(s)); // as negative
      case "s-missing-zero" -> sequence(integer(r), integer(Arrays.copyOfRange(s, 1, s.length)));
      case "swapped-tag" -> concat(new byte[] {0x31}, Arrays.copyOfRange(der, 1, der.length));
      default -> throw new IllegalArgumentException(how);
    };
  }

  private static boolean bothPadded(String note) {
    byte[] blob = Base64.getDecoder().decode(note.substring(note.lastIndexOf(' ') + 1).strip());
    int rLength = blob[4 + 3];
    return blob[4 + 4] == 0 && blob[4 + 4 + rLength + 2] == 0;
  }

  private static byte[] integer(byte[] value) {
    return concat(new byte[] {0x02, (byte) value.length}, value);
  }

  private static byte[] sequence(byte[] first, byte[] second) {
    byte[] body = concat(first, second);
    return concat(new byte[] {0x30, (byte) body.length}, body);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
