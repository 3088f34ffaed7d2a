package dev.shuqiao.hub.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadSpoolTest {

  private static final String ID = "6494749b-1e72-4d15-b638-97f5967e5068";

  @TempDir Path dir;

  @Test
  void chunksAppendedInOrder_finishAsTheDeclaredBytes() throws Exception {
    byte[] data = random(300_000);
    UploadSpool spool = new UploadSpool(dir);
    spool.create(ID);
    long offset = spool.append(ID, 0, slice(data, 0, 100_000), sha(data, 0, 100_000), data.length);
    offset = spool.append(ID, offset, slice(data, 100_000, 300_000), sha(data, 100_000, 300_000), data.length);

    Path sealed = spool.finish(ID, sha(data, 0, data.length));

    assertThat(offset).isEqualTo(data.length);
    assertThat(Files.readAllBytes(sealed)).isEqualTo(data);
  }

  @Test
  void aChunkThatBreaksOff_leavesTheLastCommittedOffset_andTheResumeLosesAndDuplicatesNothing() throws Exception {
    byte[] data = random(200_000);
    UploadSpool spool = new UploadSpool(dir);
    spool.create(ID);
    spool.append(ID, 0, slice(data, 0, 50_000), sha(data, 0, 50_000), data.length);

    InputStream dropped = new BreakingStream(slice(data, 50_000, 200_000), 70_000);
    assertThatThrownBy(() -> spool.append(ID, 50_000, dropped, sha(data, 50_000, 200_000), data.length))
        .isInstanceOf(IOException.class);
    assertThat(new UploadSpool(dir).offset(ID)).as("a new spool, as after a restart").isEqualTo(50_000);

    spool.append(ID, spool.offset(ID), slice(data, 50_000, 200_000), sha(data, 50_000, 200_000), data.length);
    assertThat(Files.readAllBytes(spool.finish(ID, sha(data, 0, data.length)))).isEqualTo(data);
  }

  @Test
  void append_atAnotherOffset_isRefusedWithTheCommittedOne() throws Exception {
    byte[] data = random(10_000);
    UploadSpool spool = new UploadSpool(dir);
    spool.create(ID);
    spool.append(ID, 0, slice(data, 0, 4_000), sha(data, 0, 4_000), data.length);

    assertThatThrownBy(() -> spool.append(ID, 0, slice(data, 0, 4_000), sha(data, 0, 4_000), data.length))
        .isInstanceOfSatisfying(UploadSpool.OffsetMismatch.class, e -> assertThat(e.committed()).isEqualTo(4_000));
    assertThat(spool.offset(ID)).isEqualTo(4_000);
  }

  @Test
  void aTamperedChunk_isRefusedAndCutOff() throws Exception {
    byte[] data = random(10_000);
    byte[] tampered = data.clone();
    tampered[5_000] ^= 1;
    UploadSpool spool = new UploadSpool(dir);
    spool.create(ID);

    assertThatThrownBy(() -> spool.append(ID, 0, slice(tampered, 0, 10_000), sha(data, 0, 10_000), data.length))
        .isInstanceOf(UploadSpool.Refused.class).hasMessageContaining("digest");
    assertThat(spool.offset(ID)).isZero();
  }

  @Test
  void aChunkBeyondTheDeclaredSize_isRefusedAndCutOff() throws Exception {
    byte[] data = random(10_000);
    UploadSpool spool = new UploadSpool(dir);
    spool.create(ID);

    assertThatThrownBy(() -> spool.append(ID, 0, slice(data, 0, 10_000), sha(data, 0, 10_000), 9_999))
        .isInstanceOf(UploadSpool.Refused.class).hasMessageContaining("9999");
    assertThat(spool.offset(ID)).isZero();
  }

  @Test
  void finish_withAnotherDigest_discardsTheUpload() throws Exception {
    byte[] data = random(10_000);
    UploadSpool spool = new UploadSpool(dir);
    spool.create(ID);
    spool.append(ID, 0, slice(data, 0, 10_000), sha(data, 0, 10_000), data.length);
    byte[] other = sha(data, 0, 9_999);

    assertThatThrownBy(() -> spool.finish(ID, other)).isInstanceOf(UploadSpool.Refused.class);
    assertThat(Files.exists(spool.sealed(ID))).isFalse();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void ids_thatAreNotUuids_areRefusedBeforeAnyPathIsBuilt() {
    assertThatThrownBy(() -> new UploadSpool(dir).create("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] random(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }

  private static InputStream slice(byte[] data, int from, int to) {
    return new ByteArrayInputStream(Arrays.copyOfRange(data, from, to));
  }

  private static byte[] sha(byte[] data, int from, int to) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(data, from, to - from);
    return sha.digest();
  }

  /** Delivers {@code limit} bytes, then fails as a dropped connection does. */
  private static final class BreakingStream extends InputStream {
    private final InputStream in;
    private long left;

    BreakingStream(InputStream in, long limit) {
      this.in = in;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        throw new IOException("connection reset");
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      left -= Math.max(n, 0);
      return n;
    }
  }
}
