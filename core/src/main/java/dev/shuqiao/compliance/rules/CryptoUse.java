package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.Location;
import java.util.Locale;

/**
 * One resolved use of a crypto API: the sink, the algorithm text (upper case, {@code null} where
 * the sink has none), the key size (or {@code null}), whether key/IV bytes are constant, where it
 * is, and — for a use reached through a project method — which method ({@code via}, else empty).
 */
record CryptoUse(Sink sink, String algorithm, Integer keySize, boolean constantMaterial,
    Location location, String via) {

  CryptoUse {
    algorithm = algorithm == null ? null : algorithm.toUpperCase(Locale.ROOT);
  }

  /** " (through dev.acme.Hasher.md5(String))" or empty, to append to messages. */
  String viaSuffix() {
    return via.isEmpty() ? "" : " (through " + via + ")";
  }

  /** What distinguishes this use within its symbol, for fingerprints. */
  String key() {
    return sink + "|" + algorithm + "|" + keySize + "|" + via;
  }
}
