package dev.shuqiao.crypto;

/**
 * The two algorithm suites. A suite is chosen by the sender's key (an SM2 identity seals with
 * {@link #GM}, an Ed25519 or ECDSA P-256 identity with {@link #INTL}), recorded in every envelope and
 * pinned by the recipient's policy, so an envelope cannot be downgraded from one suite to the other.
 *
 * <table>
 *   <caption>What each suite uses</caption>
 *   <tr><th></th><th>GM</th><th>INTL</th></tr>
 *   <tr><td>signature</td><td>SM2 with SM3, user id {@code 1234567812345678}</td><td>Ed25519 or ECDSA P-256 (SHA-256)</td></tr>
 *   <tr><td>content key wrap</td><td>SM2 encryption, C1C3C2 order</td><td>X25519 or ECDH P-256, HKDF-SHA256, AES-256-GCM</td></tr>
 *   <tr><td>content encryption</td><td>SM4-GCM (128-bit key)</td><td>AES-256-GCM</td></tr>
 *   <tr><td>hash, HMAC</td><td>SM3, HMAC-SM3</td><td>SHA-256, HMAC-SHA256</td></tr>
 * </table>
 */
public enum Suite {
  /** Chinese commercial cryptography (GB/T 39786): SM2, SM3, SM4. */
  GM(1),
  /** International algorithms for partners and tests. */
  INTL(2);

  private final int wireId;

  Suite(int wireId) {
    this.wireId = wireId;
  }

  /** The byte that stands for this suite in the binary envelope format. */
  int wireId() {
    return wireId;
  }

  static Suite fromWireId(int id) {
    for (Suite suite : values()) {
      if (suite.wireId == id) {
        return suite;
      }
    }
    throw new MalformedEnvelopeException("unknown suite id " + id);
  }
}
