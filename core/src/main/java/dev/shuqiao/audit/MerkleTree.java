package dev.shuqiao.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * In-memory RFC 6962 Merkle tree over leaf hashes. It keeps the hash of every complete, aligned
 * subtree (about two hashes per leaf), so roots and proofs for any earlier size cost O(log n)
 * node hashes. Not thread-safe: the log guards it with its lock.
 */
final class MerkleTree {

  private final HashSuite suite;
  private final List<HashColumn> levels = new ArrayList<>();
  private long size;

  MerkleTree(HashSuite suite) {
    this.suite = suite;
  }

  HashSuite suite() {
    return suite;
  }

  long size() {
    return size;
  }

  void append(byte[] leafHash) {
    if (leafHash.length != suite.hashLength()) {
      throw new IllegalArgumentException("leaf hash has " + leafHash.length + " bytes");
    }
    level(0).add(leafHash);
    long node = size;
    byte[] hash = leafHash;
    int level = 0;
    while ((node & 1) == 1) {
      hash = suite.nodeHash(level(level).get(node - 1), hash);
      node >>>= 1;
      level++;
      level(level).add(hash);
    }
    size++;
  }

  byte[] leafHash(long index) {
    checkSize(index + 1);
    return level(0).get(index);
  }

  /** Root of the tree made of the first {@code treeSize} leaves. */
  byte[] root(long treeSize) {
    checkSize(treeSize);
    return subtreeHash(0, treeSize);
  }

  /** RFC 9162 2.1.3.1 PATH(index, D[0:treeSize]), leaf side first. */
  List<byte[]> inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("index " + index + " is not in a tree of size " + treeSize);
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, treeSize, proof);
    return proof;
  }

  /** RFC 9162 2.1.4.1 PROOF(oldSize, D[0:newSize]) for {@code 0 < oldSize <= newSize}. */
  List<byte[]> consistencyProof(long oldSize, long newSize) {
    checkSize(newSize);
    if (oldSize <= 0 || oldSize > newSize) {
      throw new IllegalArgumentException("no consistency proof from size " + oldSize + " to " + newSize);
    }
    List<byte[]> proof = new ArrayList<>();
    if (oldSize < newSize) {
      subproof(oldSize, 0, newSize, true, proof);
    }
    return proof;
  }

  private void path(long m, long start, long end, List<byte[]> out) {
    long n = end - start;
    if (n <= 1) {
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m < k) {
      path(m, start, start + k, out);
      out.add(subtreeHash(start + k, end));
    } else {
      path(m - k, start + k, end, out);
      out.add(subtreeHash(start, start + k));
    }
  }

  private void subproof(long m, long start, long end, boolean whole, List<byte[]> out) {
    long n = end - start;
    if (m == n) {
      if (!whole) {
        out.add(subtreeHash(start, end));
      }
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m <= k) {
      subproof(m, start, start + k, whole, out);
      out.add(subtreeHash(start + k, end));
    } else {
      subproof(m - k, start + k, end, false, out);
      out.add(subtreeHash(start, start + k));
    }
  }

  /** MTH(D[start:end]); a complete aligned subtree is read from storage, others are split. */
  private byte[] subtreeHash(long start, long end) {
    long n = end - start;
    if (n == 0) {
      return suite.emptyRoot();
    }
    if (Long.bitCount(n) == 1 && (start & (n - 1)) == 0) {
      int level = Long.numberOfTrailingZeros(n);
      return level(level).get(start >>> level);
    }
    long k = Long.highestOneBit(n - 1);
    return suite.nodeHash(subtreeHash(start, start + k), subtreeHash(start + k, end));
  }

  private HashColumn level(int level) {
    while (levels.size() <= level) {
      levels.add(new HashColumn(suite.hashLength()));
    }
    return levels.get(level);
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException("tree size " + treeSize + " is beyond the " + size + " leaves");
    }
  }
}
