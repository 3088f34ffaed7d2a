package dev.shuqiao.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A deterministic byte stream (SHA-256 in counter mode over a label) posing as a SecureRandom, so
 * tests can reproduce keys, nonces and signatures byte for byte. Test code only: a seeded random in
 * production is exactly what GB/T 39786 forbids.
 */
final class TestRandom extends SecureRandom {

  private static final long serialVersionUID = 1L;
  private final byte[] label;
  private long counter;
  private byte[] block = new byte[0];
  private int used;

  TestRandom(String label) {
    this.label = label.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void nextBytes(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (used == block.length) {
        block = nextBlock();
        used = 0;
      }
      bytes[i] = block[used++];
    }
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    byte[] seed = new byte[numBytes];
    nextBytes(seed);
    return seed;
  }

  @Override
  public void setSeed(long seed) {
    // Ignored: the stream depends on the label only.
  }

  @Override
  public void setSeed(byte[] seed) {
    // Ignored: the stream depends on the label only.
  }

  private byte[] nextBlock() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(label);
      sha.update(ByteBuffer.allocate(8).putLong(counter++).array());
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
