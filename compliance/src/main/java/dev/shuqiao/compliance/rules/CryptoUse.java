package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.Location;
import java.util.Locale;

/**
 * One resolved use of a crypto API: the sink, the algorithm text as written ({@code null} where
 * the sink has none), the key size (or {@code null}), whether key/IV bytes are constant, where it
 * is, and — for a use reached through a project method — which method ({@code via}, else empty).
 */
record CryptoUse(Sink sink, String written, Integer keySize, boolean constantMaterial,
    Location location, String via) {

  /** The algorithm in upper case, for case-insensitive matching; {@code null} where there is none. */
  String algorithm() {
    return written == null ? null : written.toUpperCase(Locale.ROOT);
  }

  /** " (through dev.acme.Hasher.md5(String))" or empty, to append to messages. */
  String viaSuffix() {
    return via.isEmpty() ? "" : " (through " + via + ")";
  }

  /** What distinguishes this use within its symbol, for fingerprints. */
  String key() {
    return sink + "|" + algorithm() + "|" + keySize + "|" + via;
  }
}
