package dev.shuqiao.hub;

import java.util.function.UnaryOperator;

/** The exchange contract against one hub on an H2 file database. */
class ExchangeIT extends ExchangeContract {

  @Override
  HubFixture startFixture(TestCity city, UnaryOperator<HubServer.Builder> customize) {
    return HubFixture.h2(city, customize);
  }
}
