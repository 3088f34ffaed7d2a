package dev.shuqiao.audit;

import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The hash function of a Merkle log, with RFC 6962 / RFC 9162 domain separation: a leaf hash is
 * {@code H(0x00 || entry)}, an interior node hash is {@code H(0x01 || left || right)} and the root
 * of the empty tree is {@code H()}. {@link #SM3} is the GM suite, {@link #SHA256} the international
 * suite; both produce 32-byte hashes.
 */
public enum HashSuite {
  /** GM/T 0004-2012 SM3, for the GM (国密) suite. */
  SM3("sm3", SM3Digest::new),
  /** SHA-256, for the international suite; the suite of RFC 6962 and of the golden vectors. */
  SHA256("sha256", SHA256Digest::new);

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private final String id;
  private final Supplier<Digest> digests;
  /**
   * One digest per thread, reused: every append hashes its leaf and, on average, one node, and a
   * fresh SM3 digest is some 500 bytes of state to allocate each time. No hash here is computed
   * inside another.
   */
  private final ThreadLocal<Digest> perThread;

  HashSuite(String id, Supplier<Digest> digests) {
    this.id = id;
    this.digests = digests;
    this.perThread = ThreadLocal.withInitial(digests);
  }

  /** Stable lower-case name used in files and checkpoints, e.g. {@code sm3}. */
  public String id() {
    return id;
  }

  /** Returns the suite named by {@link #id()}. */
  public static HashSuite fromId(String id) {
    for (HashSuite suite : values()) {
      if (suite.id.equals(id)) {
        return suite;
      }
    }
    throw new IllegalArgumentException("unknown hash suite '" + id + "' (expected sm3 or sha256)");
  }

  /** Length of every hash of this suite in bytes. */
  public int hashLength() {
    return 32;
  }

  /** {@code H(0x00 || entry)}. */
  public byte[] leafHash(byte[] entry) {
    Digest digest = fresh();
    digest.update(LEAF_PREFIX);
    digest.update(entry, 0, entry.length);
    return finish(digest);
  }

  /** {@code H(0x01 || left || right)}. */
  public byte[] nodeHash(byte[] left, byte[] right) {
    Digest digest = fresh();
    digest.update(NODE_PREFIX);
    digest.update(left, 0, left.length);
    digest.update(right, 0, right.length);
    return finish(digest);
  }

  /** Root hash of the empty tree, {@code H()}. */
  public byte[] emptyRoot() {
    return finish(digests.get());
  }

  /** Plain hash of {@code data}, without domain separation (used for record checksums in tests). */
  byte[] digest(byte[] data) {
    Digest digest = digests.get();
    digest.update(data, 0, data.length);
    return finish(digest);
  }

  /** This thread's digest, reset (cheap: a few words) in case an earlier use ended half-way. */
  private Digest fresh() {
    Digest digest = perThread.get();
    digest.reset();
    return digest;
  }

  private static byte[] finish(Digest digest) {
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }
}
