package dev.shuqiao.hub;

import dev.shuqiao.crypto.KeyAlgorithm;

/** {@link ExchangeFaultsContract} with SM2 identities. */
class ExchangeFaultsGmIT extends ExchangeFaultsContract {

  @Override
  KeyAlgorithm algorithm() {
    return KeyAlgorithm.SM2;
  }
}
