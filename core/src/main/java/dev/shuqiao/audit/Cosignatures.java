package dev.shuqiao.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The C2SP tlog-cosignature v1 (Ed25519) encoding: the signed message is {@code "cosignature/v1\n"},
 * {@code "time <decimal seconds>\n"} and the checkpoint body; the signature blob is the timestamp as
 * a big-endian u64 followed by the 64-byte Ed25519 signature.
 */
final class Cosignatures {

  static final int TIMESTAMP_BYTES = 8;
  private static final String HEADER = "cosignature/v1\n";

  private Cosignatures() {}

  static byte[] message(long timestamp, byte[] body) {
    byte[] head = (HEADER + "time " + timestamp + "\n").getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(head.length + body.length).put(head).put(body).array();
  }

  /** The timestamp of a signature blob (negative if it exceeds 2^63 - 1, which the spec forbids). */
  static long timestamp(byte[] blob) {
    return ByteBuffer.wrap(blob, 0, TIMESTAMP_BYTES).getLong();
  }

  static byte[] blob(long timestamp, byte[] signature) {
    return ByteBuffer.allocate(TIMESTAMP_BYTES + signature.length).putLong(timestamp).put(signature).array();
  }
}
