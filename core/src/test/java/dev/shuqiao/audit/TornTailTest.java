package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recovery cuts only what is provably an unfinished last write (a prefix of the last batch, then
 * zeros or the end of the file). Any change to an acknowledged record, even in the part of the last
 * segment no checkpoint covers yet, fails closed: open refuses, verify reports it, nothing is cut.
 */
class TornTailTest {

  private static final String ORIGIN = "audit.torn.example";
  private static final int ENTRIES = 40;
  private static final int CHECKPOINTED = 10;

  @TempDir
  Path root;

  private Path log;
  private byte[] segment;
  private String segmentName;
  private long[] offsets;

  @BeforeEach
  void writeLog() throws IOException {
    log = root.resolve("log");
    try (AuditLog opened = AuditLog.builder().directory(log).origin(ORIGIN).open()) {
      for (int n = 0; n < ENTRIES; n++) {
        opened.append(TestEvents.event(n));
        if (n == CHECKPOINTED - 1) {
          opened.checkpoint(NoteKeysTest.ed25519(ORIGIN));
        }
      }
    }
    Path file = SegmentScanner.segments(LogFiles.segments(log)).get(0);
    segmentName = file.getFileName().toString();
    segment = Files.readAllBytes(file);
    offsets = new long[ENTRIES + 1];
    for (int n = 0; n < ENTRIES; n++) {
      offsets[n] = AuditLogTest.offsetOfEntry(file, n);
    }
    offsets[ENTRIES] = segment.length;
  }

  @ParameterizedTest
  @ValueSource(ints = {0x01, 0x02, 0x08, 0x10, 0x40, 0x80})
  void open_refusesAFlippedLengthByteOfAnUncheckpointedRecord_andCutsNothing(int mask) throws IOException {
    for (boolean preallocated : new boolean[] {false, true}) {
      byte[] image = image(segment, preallocated);
      image[(int) offsets[20] + 2] ^= (byte) mask; // 256 to 32,768 bytes further: over later records, past the end
      Path dir = logWith(image, "flip-" + mask + "-" + preallocated);

      assertThatThrownBy(() -> AuditLog.builder().directory(dir).origin(ORIGIN).open())
          .isInstanceOfSatisfying(AuditLogCorruptedException.class, e -> {
            assertThat(e.index()).isEqualTo(20);
            assertThat(e.offset()).isEqualTo(offsets[20]);
          });
      assertThat(Files.readAllBytes(onlySegment(dir))).isEqualTo(image);
      VerificationReport report = AuditVerifier.withKeys(List.of(NoteKeys.verifier(
          NoteKeysTest.ed25519(ORIGIN).verifierKey()))).verify(dir);
      assertThat(report.ok()).isFalse();
      assertThat(report.problem().orElseThrow().index()).isEqualTo(20);
      assertThat(report.notes()).noneMatch(n -> n.contains("torn"));
    }
  }

  @Test
  void everySingleByteChange_toAnUncheckpointedRecord_isCorruption() throws IOException {
    for (boolean preallocated : new boolean[] {false, true}) {
      // the last five records, every byte: the rules look at the end of the segment, which these reach
      for (int at = (int) offsets[ENTRIES - 5]; at < segment.length; at++) {
        for (int mask : new int[] {0x01, 0xFF}) {
          byte[] image = image(segment, preallocated);
          image[at] ^= (byte) mask;
          int changed = at;
          long entry = entryAt(at);
          assertThat(catchThrowableOfType(() -> scan(image), AuditLogCorruptedException.class))
              .as("byte %d (entry %d) ^ %x, preallocated %s", changed, entry, mask, preallocated)
              .isNotNull()
              .satisfies(e -> assertThat(e.index()).isEqualTo(entry));
        }
      }
    }
  }

  @Test
  void tornWrites_ofEveryLength_areCutAtTheLastCompleteRecord() throws IOException {
    int cut = (int) offsets[ENTRIES - 2]; // the last batch was two records: both torn, or the second
    for (boolean preallocated : new boolean[] {false, true}) {
      for (int written = cut + 1; written < segment.length; written++) {
        byte[] image = image(Arrays.copyOf(segment, written), preallocated);
        long complete = written >= offsets[ENTRIES - 1] ? ENTRIES - 1 : ENTRIES - 2;
        SegmentScanner.Result result = scan(image);
        assertThat(result.size()).as("written %d, preallocated %s", written, preallocated).isEqualTo(complete);
        long end = offsets[(int) complete];
        assertThat(result.lastSegmentEnd()).isEqualTo(end);
        result.tornTail().ifPresent(t -> assertThat(t.offset()).isEqualTo(end));
        assertThat(result.tornTail().isPresent()).isEqualTo(nonZero(image, (int) end));
      }
    }
  }

  @Test
  void aLengthField_changedToPointPastTheEndOfTheFile_isCorruptionEvenForTheLastRecord() throws IOException {
    for (int entry : new int[] {ENTRIES - 1, ENTRIES - 2, 25}) {
      for (boolean preallocated : new boolean[] {false, true}) {
        byte[] image = image(segment, preallocated);
        int length = java.nio.ByteBuffer.wrap(image).getInt((int) offsets[entry]);
        java.nio.ByteBuffer.wrap(image).putInt((int) offsets[entry], length + 1000);
        assertThatThrownBy(() -> scan(image)).as("entry %d, preallocated %s", entry, preallocated)
            .isInstanceOfSatisfying(AuditLogCorruptedException.class, e -> assertThat(e.index()).isEqualTo(entry))
            .hasMessageContaining("not a torn tail");
      }
    }
  }

  @Test
  void theLastRecordsChecksumPayloadOrIndexChanged_isCorruption() throws IOException {
    int last = (int) offsets[ENTRIES - 1];
    for (int at : new int[] {last + 4, last + 11, last + 12, last + 30, segment.length - 4, segment.length - 1}) {
      for (boolean preallocated : new boolean[] {false, true}) {
        byte[] image = image(segment, preallocated);
        image[at] ^= 0x20;
        assertThatThrownBy(() -> scan(image)).as("byte %d", at)
            .isInstanceOfSatisfying(AuditLogCorruptedException.class,
                e -> assertThat(e.index()).isEqualTo(ENTRIES - 1));
      }
    }
  }

  @Test
  void theLastRecordZeroedFromItsChecksumOn_isStillATornWrite() throws IOException {
    byte[] image = image(segment, true);
    Arrays.fill(image, segment.length - 4, segment.length, (byte) 0); // the CRC never reached the disk
    SegmentScanner.Result result = scan(image);
    assertThat(result.size()).isEqualTo(ENTRIES - 1);
    assertThat(result.tornTail()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"7f", "010203", "ff", "00ff", "0002", "000000ff00000000000000ff", "00000000ff"})
  void bytesAfterTheLastRecordThatNoWriteCouldLeave_areCorruption(String hex) throws IOException {
    for (boolean preallocated : new boolean[] {false, true}) {
      byte[] image = image(grown(hex), preallocated);
      assertThatThrownBy(() -> scan(image)).as("%s, preallocated %s", hex, preallocated)
          .isInstanceOfSatisfying(AuditLogCorruptedException.class,
              e -> assertThat(e.index()).isEqualTo(ENTRIES));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"00", "0000", "000001", "00000010", "000000ff0000", "000000ff00000000000000", "0000001000"
      + "00000000000028", "00000010000000000000002801"})
  void bytesAfterTheLastRecordThatAWriteCutShortLeaves_areATornTail(String hex) throws IOException {
    for (boolean preallocated : new boolean[] {false, true}) {
      SegmentScanner.Result result = scan(image(grown(hex), preallocated));
      assertThat(result.size()).isEqualTo(ENTRIES);
      assertThat(result.tornTail().isPresent()).as("%s, preallocated %s", hex, preallocated)
          .isEqualTo(nonZero(grown(hex), segment.length));
    }
  }

  private byte[] grown(String hex) {
    byte[] tail = java.util.HexFormat.of().parseHex(hex);
    byte[] grown = Arrays.copyOf(segment, segment.length + tail.length);
    System.arraycopy(tail, 0, grown, segment.length, tail.length);
    return grown;
  }

  @Test
  void aLastSegmentHoldingAHeaderPrefix_isATornRollover_butOtherBytesAreCorruption() throws IOException {
    byte[] header = SegmentFormat.header(HashSuite.SM3, ENTRIES).array();
    for (int written = 1; written < SegmentFormat.HEADER_BYTES; written++) {
      SegmentScanner.Result result = scanWithNextSegment(image(segment, false),
          Arrays.copyOf(header, written));
      assertThat(result.size()).isEqualTo(ENTRIES);
      assertThat(result.tornTail()).hasValueSatisfying(t -> assertThat(t.wholeSegment()).isTrue());
    }
    byte[] wrong = Arrays.copyOf(header, 12);
    wrong[9] = 2; // the other hash suite
    assertThatThrownBy(() -> scanWithNextSegment(image(segment, false), wrong))
        .isInstanceOf(AuditLogCorruptedException.class);
    assertThatThrownBy(() -> scanWithNextSegment(image(segment, false), new byte[] {1, 2, 3}))
        .isInstanceOf(AuditLogCorruptedException.class);
  }

  private SegmentScanner.Result scanWithNextSegment(byte[] first, byte[] second) throws IOException {
    Path dir = Files.createTempDirectory(root, "two");
    Files.write(dir.resolve(segmentName), first);
    Files.write(dir.resolve(SegmentFormat.fileName(ENTRIES)), second);
    return SegmentScanner.scan(dir, r -> { });
  }

  private long entryAt(int at) {
    for (int n = ENTRIES - 1; n >= 0; n--) {
      if (at >= offsets[n]) {
        return n;
      }
    }
    throw new AssertionError(at);
  }

  private static boolean nonZero(byte[] image, int from) {
    for (int i = from; i < image.length; i++) {
      if (image[i] != 0) {
        return true;
      }
    }
    return false;
  }

  /** The segment as closed (records to the end of the file) or as a crash leaves it (zeros after). */
  private static byte[] image(byte[] records, boolean preallocated) {
    return preallocated ? Arrays.copyOf(records, records.length + 4096) : records.clone();
  }

  private SegmentScanner.Result scan(byte[] image) throws IOException {
    Path dir = Files.createTempDirectory(root, "scan");
    Files.write(dir.resolve(segmentName), image);
    try {
      return SegmentScanner.scan(dir, r -> EventCodec.decode(r.payload()));
    } finally {
      Files.delete(dir.resolve(segmentName));
      Files.delete(dir);
    }
  }

  private Path logWith(byte[] image, String name) throws IOException {
    Path dir = root.resolve(name);
    Files.createDirectories(dir.resolve("segments"));
    Files.copy(log.resolve(LogFiles.PROPERTIES), dir.resolve(LogFiles.PROPERTIES));
    Files.createDirectories(dir.resolve("checkpoints"));
    try (var notes = Files.list(log.resolve("checkpoints"))) {
      for (Path note : notes.toList()) {
        Files.copy(note, dir.resolve("checkpoints").resolve(note.getFileName()));
      }
    }
    Files.write(dir.resolve("segments").resolve(segmentName), image);
    return dir;
  }

  private static Path onlySegment(Path dir) throws IOException {
    return SegmentScanner.segments(LogFiles.segments(dir)).get(0);
  }
}
