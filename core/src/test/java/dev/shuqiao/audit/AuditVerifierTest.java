package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditVerifierTest {

  @TempDir
  Path dir;

  static Stream<Arguments> suitesAndKeys() throws GeneralSecurityException {
    return Stream.of(
        Arguments.of(HashSuite.SM3, NoteKeysTest.sm2("audit.v.example")),
        Arguments.of(HashSuite.SM3, NoteKeysTest.ed25519("audit.v.example")),
        Arguments.of(HashSuite.SHA256, NoteKeysTest.ecdsa("audit.v.example")),
        Arguments.of(HashSuite.SHA256, NoteKeysTest.ed25519("audit.v.example")));
  }

  private void write(HashSuite suite, CheckpointSigner signer, int entries) throws IOException {
    try (AuditLog log = AuditLog.builder().directory(dir).hashSuite(suite).origin("audit.v.example")
        .segmentBytes(2048).open()) {
      for (int n = 0; n < entries; n++) {
        log.append(TestEvents.event(n));
        if (n % 17 == 16) {
          log.checkpoint(signer);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("suitesAndKeys")
  void verify_acceptsAnIntactLogForEverySuiteAndKeyType(HashSuite suite, CheckpointSigner signer) throws IOException {
    write(suite, signer, 60);
    VerificationReport report = AuditVerifier.withKeys(List.of(NoteKeys.verifier(signer.verifierKey()))).verify(dir);
    assertThat(report.problem()).isEmpty();
    assertThat(report.suite()).isEqualTo(suite);
    assertThat(report.entries()).isEqualTo(60);
    assertThat(report.segments()).isGreaterThan(1);
    assertThat(report.checkpointSizes()).containsExactly(17L, 34L, 51L);
    assertThat(report.notes()).containsExactly("9 newest entries (from 51) are not covered by a checkpoint yet");
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("suitesAndKeys")
  void verify_reportsAForgedCheckpointSignature(HashSuite suite, CheckpointSigner signer) throws IOException {
    write(suite, signer, 40);
    Path note = dir.resolve("checkpoints").resolve(String.format("%020d.note", 34));
    String text = Files.readString(note);
    int sig = text.lastIndexOf(' ') + 10;
    Files.writeString(note, text.substring(0, sig) + (text.charAt(sig) == 'A' ? 'B' : 'A') + text.substring(sig + 1));
    VerificationReport report = AuditVerifier.withKeys(List.of(NoteKeys.verifier(signer.verifierKey()))).verify(dir);
    assertThat(report.problem()).get().satisfies(p -> {
      assertThat(p.index()).isEqualTo(17);
      assertThat(p.location()).isEqualTo("checkpoints/" + note.getFileName());
    });
  }

  @Test
  void verify_notesATornTailWithoutFailing() throws IOException {
    CheckpointSigner signer = NoteKeysTest.ed25519("audit.v.example");
    write(HashSuite.SM3, signer, 20);
    List<Path> segments = SegmentScanner.segments(LogFiles.segments(dir));
    Files.write(segments.get(segments.size() - 1), new byte[] {0, 0, 1}, java.nio.file.StandardOpenOption.APPEND);
    VerificationReport report = AuditVerifier.withKeys(List.of(NoteKeys.verifier(signer.verifierKey()))).verify(dir);
    assertThat(report.ok()).isTrue();
    assertThat(report.notes()).anyMatch(n -> n.startsWith("torn tail of 3 bytes"));
  }

  @Test
  void withKeys_refusesAnEmptyKeyList() {
    assertThatThrownBy(() -> AuditVerifier.withKeys(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
