package dev.shuqiao.audit;

import dev.shuqiao.audit.ProofException.Failure;
import java.security.MessageDigest;
import java.util.List;

/**
 * Pure verification of RFC 9162 inclusion and consistency proofs (sections 2.1.3.2 and 2.1.4.2).
 *
 * <pre>{@code
 * MerkleProofs.verifyInclusion(HashSuite.SM3, index, treeSize, leafHash, proof, root);
 * MerkleProofs.verifyConsistency(HashSuite.SM3, oldSize, newSize, oldRoot, newRoot, proof);
 * }</pre>
 *
 * <p>Tree sizes and indices are <em>unsigned</em> 64-bit values: {@code -1L} is 2^64-1, never a
 * small index. Each function returns normally only if the proof verifies, and otherwise throws a
 * {@link ProofException} whose {@link ProofException#failure()} names the reason. Roots are
 * compared in constant time. The functions keep no state and touch no I/O.
 */
public final class MerkleProofs {

  private MerkleProofs() {}

  /**
   * Verifies that {@code leafHash} is the leaf at {@code index} of the tree of {@code treeSize}
   * leaves whose root is {@code root}.
   *
   * <p>Preconditions checked: {@code index < treeSize} (unsigned); leaf hash, root and every proof
   * hash have the suite's length; the proof has exactly the
   * number of hashes the RFC 9162 path for that index and size has.
   *
   * @throws ProofException if the proof does not verify
   */
  public static void verifyInclusion(HashSuite suite, long index, long treeSize, byte[] leafHash,
      List<byte[]> proof, byte[] root) {
    if (Long.compareUnsigned(index, treeSize) >= 0) {
      throw new ProofException(Failure.INDEX_OUT_OF_RANGE, "leaf index " + Long.toUnsignedString(index)
          + " is not below tree size " + Long.toUnsignedString(treeSize));
    }
    checkHash(suite, leafHash, "leaf hash");
    checkHash(suite, root, "root");
    checkProofHashes(suite, proof, inclusionProofSize(index, treeSize));
    byte[] computed = rootFromInclusionProof(suite, index, treeSize, leafHash, proof);
    requireRoot(root, computed, "inclusion proof for leaf " + Long.toUnsignedString(index));
  }

  /**
   * Verifies that the tree of {@code oldSize} leaves with root {@code oldRoot} is a prefix of the
   * tree of {@code newSize} leaves with root {@code newRoot}.
   *
   * <p>Preconditions checked: {@code 0 < oldSize <= newSize} (unsigned; a proof from the empty tree
   * is refused because it proves nothing); equal sizes need an empty proof and byte-equal roots
   * (compared as given, as the transparency-dev vectors expect); otherwise both roots and every
   * proof hash have the suite's length and the proof has exactly the RFC 9162 number of hashes.
   *
   * @throws ProofException if the proof does not verify
   */
  public static void verifyConsistency(HashSuite suite, long oldSize, long newSize, byte[] oldRoot,
      byte[] newRoot, List<byte[]> proof) {
    if (Long.compareUnsigned(oldSize, newSize) > 0) {
      throw new ProofException(Failure.SIZE_DECREASED, "old tree size " + Long.toUnsignedString(oldSize)
          + " is larger than new tree size " + Long.toUnsignedString(newSize));
    }
    if (oldSize == 0) {
      throw new ProofException(Failure.EMPTY_OLD_TREE, "a consistency proof from the empty tree proves nothing");
    }
    if (oldSize == newSize) {
      if (!proof.isEmpty()) {
        throw new ProofException(Failure.WRONG_PROOF_SIZE, "equal tree sizes need an empty proof, got "
            + proof.size() + " hashes");
      }
      requireRoot(newRoot, oldRoot, "equal tree sizes " + Long.toUnsignedString(oldSize));
      return;
    }
    checkHash(suite, oldRoot, "old root");
    checkHash(suite, newRoot, "new root");
    checkProofHashes(suite, proof, consistencyProofSize(oldSize, newSize));
    byte[][] roots = rootsFromConsistencyProof(suite, oldSize, newSize, oldRoot, proof);
    requireRoot(oldRoot, roots[0], "consistency proof, old root at size " + Long.toUnsignedString(oldSize));
    requireRoot(newRoot, roots[1], "consistency proof, new root at size " + Long.toUnsignedString(newSize));
  }

  /** Number of hashes in the inclusion proof of {@code index} in a tree of {@code treeSize}. */
  static int inclusionProofSize(long index, long treeSize) {
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (treeSize - 1));
    int border = Long.bitCount(inner == 64 ? 0 : index >>> inner);
    return inner + border;
  }

  /** Number of hashes in the consistency proof between two sizes, {@code 0 < oldSize < newSize}. */
  static int consistencyProofSize(long oldSize, long newSize) {
    long last = oldSize - 1;
    int inner = 64 - Long.numberOfLeadingZeros(last ^ (newSize - 1));
    int border = Long.bitCount(inner == 64 ? 0 : last >>> inner);
    int shift = Long.numberOfTrailingZeros(oldSize);
    boolean oldIsPerfect = Long.bitCount(oldSize) == 1;
    return (oldIsPerfect ? 0 : 1) + (inner - shift) + border;
  }

  /** RFC 9162 2.1.3.2 steps 2-3; the caller has checked index and proof length. */
  private static byte[] rootFromInclusionProof(HashSuite suite, long index, long treeSize, byte[] leafHash,
      List<byte[]> proof) {
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        throw new ProofException(Failure.WRONG_PROOF_SIZE, "inclusion proof is longer than the path");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = suite.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = suite.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException(Failure.WRONG_PROOF_SIZE, "inclusion proof is shorter than the path");
    }
    return r;
  }

  /** RFC 9162 2.1.4.2 steps 2-7; returns {old root, new root} as computed from the proof. */
  private static byte[][] rootsFromConsistencyProof(HashSuite suite, long oldSize, long newSize, byte[] oldRoot,
      List<byte[]> proof) {
    boolean oldIsPerfect = Long.bitCount(oldSize) == 1;
    int next = oldIsPerfect ? 0 : 1;
    byte[] seed = oldIsPerfect ? oldRoot : proof.get(0);
    long fn = oldSize - 1;
    long sn = newSize - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = seed;
    byte[] sr = seed;
    for (byte[] c : proof.subList(next, proof.size())) {
      if (sn == 0) {
        throw new ProofException(Failure.WRONG_PROOF_SIZE, "consistency proof is longer than the path");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = suite.nodeHash(c, fr);
        sr = suite.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = suite.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException(Failure.WRONG_PROOF_SIZE, "consistency proof is shorter than the path");
    }
    return new byte[][] {fr, sr};
  }

  private static void checkProofHashes(HashSuite suite, List<byte[]> proof, int expected) {
    if (proof.size() != expected) {
      throw new ProofException(Failure.WRONG_PROOF_SIZE, "proof has " + proof.size() + " hashes, expected "
          + expected);
    }
    for (int i = 0; i < proof.size(); i++) {
      checkHash(suite, proof.get(i), "proof hash " + i);
    }
  }

  private static void checkHash(HashSuite suite, byte[] hash, String what) {
    if (hash.length != suite.hashLength()) {
      throw new ProofException(Failure.MALFORMED_HASH, what + " has " + hash.length + " bytes, expected "
          + suite.hashLength());
    }
  }

  private static void requireRoot(byte[] expected, byte[] computed, String what) {
    if (!MessageDigest.isEqual(expected, computed)) {
      throw new ProofException(Failure.ROOT_MISMATCH, what + ": computed root does not match");
    }
  }
}
