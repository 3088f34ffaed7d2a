package dev.shuqiao.hub;

import dev.shuqiao.crypto.KeyAlgorithm;

/**
 * {@link ExchangeEndToEndContract} in the INTL suite with ECDSA P-256 identities (the hub's ticket,
 * the envelopes' signatures and the request signatures on P-256; SHA-256 digests, AES-GCM envelopes).
 */
class ExchangeEndToEndP256IT extends ExchangeEndToEndContract {

  @Override
  KeyAlgorithm algorithm() {
    return KeyAlgorithm.ECDSA_P256;
  }
}
