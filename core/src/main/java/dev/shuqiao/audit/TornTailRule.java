package dev.shuqiao.audit;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Decides whether damage at the end of the last segment is provably an unfinished last write, the
 * one kind of damage that recovery may cut.
 *
 * <p>What a crash can leave follows from how {@link SegmentWriter} writes: space is zero-filled and
 * forced before any record goes into it, then one batch of records is written front to back and
 * forced, and only then are its entries acknowledged. So an unfinished write is a prefix of the
 * bytes the writer meant to write, followed by zeros (or, for logs written before preallocation,
 * by the end of the file). The damaged record is therefore torn only if all of these hold:
 *
 * <ul>
 *   <li>its length field is complete and in range (a shorter remainder at the very end of the file
 *       must be able to start one);
 *   <li>every non-zero byte after it lies inside the extent its length field claims;
 *   <li>its index field, as far as written, is the expected entry's;
 *   <li>if its checksum field was reached, the bytes written of it match the checksum of the
 *       (then complete) record;
 *   <li>its bytes hold no complete record of another length (a changed length field hides one);
 *   <li>no complete record of a later entry starts anywhere inside it.
 * </ul>
 *
 * Anything else is corruption: an acknowledged record was changed, and cutting there would delete
 * acknowledged entries.
 */
final class TornTailRule {

  private TornTailRule() {}

  /**
   * Null if the damaged record at {@code p} (the first non-zero byte after the last intact record of
   * the last segment) is provably a torn write of entry {@code next}; otherwise why it is not.
   */
  static String whyNotTorn(ByteBuffer data, int p, long next) {
    int size = data.limit();
    int written = lastNonZero(data) + 1; // bytes past this are zero: never written, or written as zero
    int remaining = size - p;
    if (remaining < 4) {
      boolean couldStartALength = data.get(p) == 0 && (remaining < 2 || (data.get(p + 1) & 0xff) <= 1);
      return couldStartALength ? null : "the last " + remaining + " bytes cannot start a record length";
    }
    int length = data.getInt(p);
    if (length <= 0 || length > SegmentFormat.MAX_PAYLOAD) {
      return "invalid record length " + length + " with more data after it";
    }
    long claimedEnd = (long) p + SegmentFormat.recordBytes(length);
    if (claimedEnd < written) {
      return "data follows the end of the damaged record";
    }
    String index = indexProblem(data, p, written, next);
    if (index != null) {
      return index;
    }
    if (claimedEnd <= size && claimedEnd - 4 < written) {
      int crc = checksum(data, p, length);
      for (int i = 0; i < 4; i++) {
        int at = (int) claimedEnd - 4 + i;
        if (at < written && data.get(at) != (byte) (crc >>> (24 - 8 * i))) {
          return "the record was written whole but its checksum does not match";
        }
      }
    }
    int end = (int) Math.min(claimedEnd, size);
    for (int other = 1; p + 12 + other + 4 <= end && p + 12 + other < written; other++) {
      if (other != length && checksum(data, p, other) == data.getInt(p + 12 + other)) {
        return "its bytes hold a complete record of " + other + " bytes, but the length field says " + length;
      }
    }
    for (int q = p + 1; q + SegmentFormat.RECORD_OVERHEAD < written; q++) {
      if (isLaterRecord(data, q, p, next)) {
        return "a complete record of entry " + data.getLong(q + 4) + " follows at offset " + q;
      }
    }
    return null;
  }

  /** The index field's written bytes must be those of {@code next}. */
  private static String indexProblem(ByteBuffer data, int p, int written, long next) {
    for (int i = 0; i < 8; i++) {
      int at = p + 4 + i;
      if (at < written && at < data.limit() && data.get(at) != (byte) (next >>> (56 - 8 * i))) {
        return "the record's index field is not entry " + next + "'s";
      }
    }
    return null;
  }

  /** A record with a valid checksum at {@code q}, claiming an entry that could follow {@code next}. */
  private static boolean isLaterRecord(ByteBuffer data, int q, int p, long next) {
    int length = data.getInt(q);
    if (length <= 0 || length > SegmentFormat.MAX_PAYLOAD || (long) q + SegmentFormat.recordBytes(length) > data.limit()) {
      return false;
    }
    long index = data.getLong(q + 4);
    long maxEntries = (q - p) / (SegmentFormat.RECORD_OVERHEAD + 1) + 1;
    if (index - next < 0 || index - next > maxEntries) {
      return false;
    }
    return SegmentFormat.checksum(data.duplicate().position(q).limit(q + 12 + length)) == data.getInt(q + 12 + length);
  }

  /** The checksum of a record at {@code p} whose length field said {@code length}. */
  private static int checksum(ByteBuffer data, int p, int length) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).putInt(0, length));
    crc.update(data.duplicate().position(p + 4).limit(p + 12 + length));
    return (int) crc.getValue();
  }

  /**
   * Whether a last segment too short for its header (or without its magic) is a header write cut
   * short: its non-zero bytes must be those of the header {@code expected}.
   */
  static boolean isTornHeader(ByteBuffer data, ByteBuffer expected, boolean suiteKnown) {
    int written = lastNonZero(data) + 1;
    if (written > SegmentFormat.HEADER_BYTES) {
      return false; // more than a header was written: not a rollover cut short
    }
    for (int i = 0; i < written; i++) {
      byte b = data.get(i);
      boolean suiteByte = i == 9 && !suiteKnown && (b == 1 || b == 2);
      if (b != expected.get(i) && !suiteByte) {
        return false;
      }
    }
    return true;
  }

  static int lastNonZero(ByteBuffer data) {
    int i = data.limit() - 1;
    while (i >= 0 && data.get(i) == 0) {
      i--;
    }
    return i;
  }
}
