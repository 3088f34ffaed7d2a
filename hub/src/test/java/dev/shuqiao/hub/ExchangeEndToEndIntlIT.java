package dev.shuqiao.hub;

import dev.shuqiao.crypto.KeyAlgorithm;

/** {@link ExchangeEndToEndContract} in the INTL suite: Ed25519 identities, SHA-256 digests, AES-GCM envelopes. */
class ExchangeEndToEndIntlIT extends ExchangeEndToEndContract {

  @Override
  KeyAlgorithm algorithm() {
    return KeyAlgorithm.ED25519;
  }
}
