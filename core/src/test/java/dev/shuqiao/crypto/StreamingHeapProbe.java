package dev.shuqiao.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * Run by {@link StreamingHeapIT} in a child JVM with a small heap: seals {@code bytes} of generated
 * data through a pipe into an opener on another thread and checks the output matches. Prints
 * {@code READ <bytes>} every 16 MiB opened, then one line {@code OK <algorithm> <bytes> <seconds>};
 * exits non-zero on any failure (including OutOfMemoryError, which is the point).
 */
final class StreamingHeapProbe {

  static final long PROGRESS_STEP = 16L << 20;

  private StreamingHeapProbe() {}

  public static void main(String[] args) throws Exception {
    KeyAlgorithm algorithm = KeyAlgorithm.valueOf(args[0]);
    long total = Long.parseLong(args[1]);
    Parties p = new Parties(algorithm);
    PipedInputStream pipeIn = new PipedInputStream(1 << 20);
    PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
    long start = System.nanoTime();
    CompletableFuture<Long> sealed = CompletableFuture.supplyAsync(() -> write(p, pipeOut, total));
    long readCrc;
    long read = 0;
    try (InputStream payload = p.opener(p.police).openStream(pipeIn).payload()) {
      CRC32C crc = new CRC32C();
      byte[] buffer = new byte[64 * 1024];
      for (int n = payload.read(buffer); n >= 0; n = payload.read(buffer)) {
        crc.update(buffer, 0, n);
        if ((read + n) / PROGRESS_STEP > read / PROGRESS_STEP) {
          System.out.println("READ " + (read + n)); // the parent's sign of life
          System.out.flush();
        }
        read += n;
      }
      readCrc = crc.getValue();
    }
    long writtenCrc = sealed.join();
    if (read != total || readCrc != writtenCrc) {
      System.out.println("MISMATCH read=" + read + " of " + total);
      System.exit(1);
    }
    System.out.printf("OK %s %d %.1f%n", algorithm, total, (System.nanoTime() - start) / 1e9);
  }

  private static long write(Parties p, OutputStream destination, long total) {
    byte[] block = new byte[100_003];
    new Random(42).nextBytes(block);
    CRC32C crc = new CRC32C();
    EnvelopeContent metadata = EnvelopeContent.builder().addRecipient(p.police.certificate())
        .resourceCode("1 01 001/000123").contentType("text/csv").build();
    try (OutputStream out = StreamSealer.builder().identity(p.health).clock(TestPki.CLOCK).build().seal(destination, metadata)) {
      long counter = 0;
      for (long written = 0; written < total; counter++) {
        ByteBuffer.wrap(block).putLong(counter);
        int n = (int) Math.min(block.length, total - written);
        out.write(block, 0, n);
        crc.update(block, 0, n);
        written += n;
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return crc.getValue();
  }
}
