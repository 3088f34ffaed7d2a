package dev.shuqiao.hub;

/** The API contract against one hub on an H2 file database. */
class HubApiIT extends HubApiContract {

  @Override
  HubFixture startFixture() {
    return HubFixture.h2();
  }
}
