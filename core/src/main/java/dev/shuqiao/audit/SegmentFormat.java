package dev.shuqiao.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * On-disk layout of a segment file {@code segments/<first index, 20 digits>.seg}.
 *
 * <pre>
 * header (24 bytes): "SQAUDLOG" | u8 format version = 1 | u8 hash suite (1 = sm3, 2 = sha256)
 *                    | 6 reserved bytes, zero | u64 index of the first record
 * record:            u32 payload length | u64 entry index | payload | u32 CRC-32C of the preceding
 *                    fields of this record
 * </pre>
 *
 * The payload is the canonical {@link AuditEvent} encoding; the Merkle leaf is its leaf hash. The
 * CRC tells a torn write from a good record; tampering is caught by the Merkle tree and the signed
 * checkpoints, not by the CRC.
 */
final class SegmentFormat {

  static final byte[] MAGIC = "SQAUDLOG".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_BYTES = 24;
  static final int RECORD_OVERHEAD = 16;
  static final int MAX_PAYLOAD = 64 * 1024;
  static final String SUFFIX = ".seg";

  private SegmentFormat() {}

  static String fileName(long firstIndex) {
    return String.format("%020d%s", firstIndex, SUFFIX);
  }

  static long firstIndexOf(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
  }

  static byte suiteCode(HashSuite suite) {
    return (byte) (suite == HashSuite.SM3 ? 1 : 2);
  }

  static HashSuite suiteOf(int code) {
    return switch (code) {
      case 1 -> HashSuite.SM3;
      case 2 -> HashSuite.SHA256;
      default -> throw new IllegalArgumentException("unknown hash suite code " + code);
    };
  }

  static ByteBuffer header(HashSuite suite, long firstIndex) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.put(MAGIC).put((byte) VERSION).put(suiteCode(suite)).put(new byte[6]).putLong(firstIndex);
    return header.flip();
  }

  static int recordBytes(int payloadLength) {
    return RECORD_OVERHEAD + payloadLength;
  }

  /** Appends one record to {@code out}, which must have room for {@link #recordBytes(int)}. */
  static void putRecord(ByteBuffer out, long index, byte[] payload) {
    int start = out.position();
    out.putInt(payload.length).putLong(index).put(payload);
    out.putInt(checksum(out.duplicate().position(start).limit(start + 12 + payload.length)));
  }

  /** CRC-32C that {@link #putRecord} would store for a record with these fields. */
  static int checksum(ByteBuffer recordWithoutCrc) {
    CRC32C crc = new CRC32C();
    crc.update(recordWithoutCrc);
    return (int) crc.getValue();
  }
}
