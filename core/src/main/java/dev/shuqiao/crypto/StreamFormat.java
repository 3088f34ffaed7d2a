package dev.shuqiao.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The streaming format, version 1:
 * <pre>
 *   prefix  = "SQES" | u8 version (1) | u32 segment size | u32 header length | header
 *   header  = the envelope header (docs/envelope.md); its 12-byte nonce field holds a 7-byte random
 *             nonce prefix followed by five zero bytes
 *   segment = u32 frame (bit 31: final segment; bits 0-30: ciphertext length) | ciphertext ‖ tag
 * </pre>
 * Segment i is AEAD-encrypted under the content key with nonce = prefix(7) ‖ u32 i ‖ final (0 or 1)
 * and associated data = hash(prefix) (SM3 or SHA-256). Non-final segments carry exactly segment-size
 * plaintext bytes; the final one carries 0..segment-size bytes followed by the signature and its u16
 * length. The signature covers {@code "shuqiao stream v1" ‖ hash(prefix) ‖ hash(payload)}. Counters
 * and the final flag in the nonce make dropped, duplicated, reordered and truncated segments fail.
 */
final class StreamFormat {

  static final byte[] MAGIC = {'S', 'Q', 'E', 'S'};
  static final int VERSION = 1;
  static final int SEGMENT_BYTES = 64 * 1024;
  static final int NONCE_PREFIX_BYTES = 7;
  static final int FINAL_FLAG = 0x8000_0000;
  static final int MAX_HEADER_BYTES = 128 * 1024;
  static final int MAX_SIGNATURE_BYTES = 255;
  static final byte[] SIGNATURE_LABEL = "shuqiao stream v1".getBytes(StandardCharsets.US_ASCII);

  private StreamFormat() {}

  static byte[] prefix(byte[] header) {
    return ByteBuffer.allocate(MAGIC.length + 1 + 8 + header.length).put(MAGIC).put((byte) VERSION)
        .putInt(SEGMENT_BYTES).putInt(header.length).put(header).array();
  }

  static byte[] nonce(byte[] headerNonce, int counter, boolean last) {
    return ByteBuffer.allocate(Aead.NONCE_BYTES).put(headerNonce, 0, NONCE_PREFIX_BYTES).putInt(counter)
        .put((byte) (last ? 1 : 0)).array();
  }

  static int maxFinalCiphertext() {
    return SEGMENT_BYTES + MAX_SIGNATURE_BYTES + 2 + Aead.TAG_BYTES;
  }
}
