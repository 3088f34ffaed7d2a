package dev.shuqiao.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 9162 section 2.1 definitions transcribed literally (recursive MTH, PATH, PROOF over a
 * list of leaf entries), as an independent oracle for the optimised tree. Slow on purpose.
 */
final class ReferenceMerkle {

  private final HashSuite suite;

  ReferenceMerkle(HashSuite suite) {
    this.suite = suite;
  }

  byte[] mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return suite.emptyRoot();
    }
    if (n == 1) {
      return suite.leafHash(d.get(0));
    }
    int k = largestPowerOfTwoBelow(n);
    return suite.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (n <= 1) {
      return out;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(path(m - k, d.subList(k, n)));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  List<byte[]> proof(int m, List<byte[]> d) {
    return subproof(m, d, true);
  }

  private List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }
}
