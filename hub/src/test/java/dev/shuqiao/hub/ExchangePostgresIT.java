package dev.shuqiao.hub;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.UnaryOperator;

/**
 * The exchange contract against PostgreSQL: runs when {@code -Dshuqiao.test.postgres.url=jdbc:postgresql://...}
 * is given; skipped, and reported so, otherwise.
 */
class ExchangePostgresIT extends ExchangeContract {

  @Override
  HubFixture startFixture(TestCity city, UnaryOperator<HubServer.Builder> customize) {
    assumeTrue(HubFixture.postgresUrl().isPresent(), "no -D" + HubFixture.POSTGRES_PROPERTY + "=jdbc:postgresql://...");
    return HubFixture.postgres(city, customize);
  }
}
