package dev.shuqiao.hub;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The department lifecycle contract against PostgreSQL: runs when {@code
 * -Dshuqiao.test.postgres.url=jdbc:postgresql://...} is given; skipped, and reported so, otherwise.
 */
class DepartmentLifecyclePostgresIT extends DepartmentLifecycleContract {

  @Override
  HubFixture startFixture() {
    assumeTrue(HubFixture.postgresUrl().isPresent(), "no -D" + HubFixture.POSTGRES_PROPERTY + "=jdbc:postgresql://...");
    return HubFixture.postgres(city, b -> b.allowInsecureEndpoints(false));
  }
}
