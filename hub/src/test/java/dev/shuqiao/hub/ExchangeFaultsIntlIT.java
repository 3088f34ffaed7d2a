package dev.shuqiao.hub;

import dev.shuqiao.crypto.KeyAlgorithm;

/** {@link ExchangeFaultsContract} with Ed25519 identities. */
class ExchangeFaultsIntlIT extends ExchangeFaultsContract {

  @Override
  KeyAlgorithm algorithm() {
    return KeyAlgorithm.ED25519;
  }
}
