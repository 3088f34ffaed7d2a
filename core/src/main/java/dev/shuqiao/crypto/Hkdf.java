package dev.shuqiao.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA256 (RFC 5869). */
final class Hkdf {

  static final int MAX_OUTPUT = 255 * 32;

  private Hkdf() {}

  /**
   * @throws IllegalArgumentException if {@code length} is not in 1..8160 (RFC 5869's limit)
   */
  static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int length) {
    if (length < 1 || length > MAX_OUTPUT) {
      throw new IllegalArgumentException("HKDF-SHA256 output must be 1.." + MAX_OUTPUT + " bytes");
    }
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
    generator.init(new HKDFParameters(ikm, salt.length == 0 ? null : salt, info));
    byte[] out = new byte[length];
    generator.generateBytes(out, 0, length);
    return out;
  }
}
