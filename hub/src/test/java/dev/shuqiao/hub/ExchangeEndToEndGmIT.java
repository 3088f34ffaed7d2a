package dev.shuqiao.hub;

import dev.shuqiao.crypto.KeyAlgorithm;

/** {@link ExchangeEndToEndContract} in the GM suite: SM2 identities, SM3 digests, SM4 envelopes. */
class ExchangeEndToEndGmIT extends ExchangeEndToEndContract {

  @Override
  KeyAlgorithm algorithm() {
    return KeyAlgorithm.SM2;
  }
}
