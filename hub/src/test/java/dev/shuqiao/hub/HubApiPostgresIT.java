package dev.shuqiao.hub;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The API contract against PostgreSQL: runs when {@code -Dshuqiao.test.postgres.url=jdbc:postgresql://...}
 * is given (CI's .ci/run sets it after installing PostgreSQL); skipped, and reported so, otherwise.
 */
class HubApiPostgresIT extends HubApiContract {

  @Override
  HubFixture startFixture() {
    assumeTrue(HubFixture.postgresUrl().isPresent(), "no -D" + HubFixture.POSTGRES_PROPERTY + "=jdbc:postgresql://...");
    return HubFixture.postgres(1);
  }
}
