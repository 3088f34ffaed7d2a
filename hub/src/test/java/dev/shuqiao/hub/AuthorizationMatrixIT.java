package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.ShuqiaoException;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.client.model.GrantRole;
import dev.shuqiao.client.model.ListGrantsOptions;
import dev.shuqiao.client.model.SearchOptions;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.Pem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation × {owner, other department, unknown key, expired certificate, administrator}:
 * the hub answers with the expected status (200 stands for any success).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

  enum Actor { OWNER, OTHER, UNKNOWN, EXPIRED, ADMIN }

  /** One operation, preparing its own fresh state through the owner and consumer clients. */
  interface Operation {
    void run(AuthorizationMatrixIT it, ShuqiaoClient actor);
  }

  private HubFixture fixture;
  private DepartmentIdentity owner;
  private DepartmentIdentity consumer;
  private ShuqiaoClient ownerClient;
  private ShuqiaoClient consumerClient;
  private final Map<Actor, ShuqiaoClient> clients = new EnumMap<>(Actor.class);

  @BeforeAll
  void start() {
    fixture = HubFixture.h2();
    owner = fixture.register("柳州市卫生健康委员会", KeyAlgorithm.SM2);
    consumer = fixture.register("柳州市公安局", KeyAlgorithm.ED25519);
    DepartmentIdentity other = fixture.register("柳州市人力资源和社会保障局", KeyAlgorithm.ECDSA_P256);
    DepartmentIdentity unknown = fixture.city.department("未登记部门", KeyAlgorithm.SM2);
    // Registered while the hub's clock stands inside the certificate's minute, then the clock runs
    // more than that minute ahead: expired however long the registration took (no sleep).
    Duration validity = Duration.ofMinutes(1);
    DepartmentIdentity expired = fixture.city.department("证书过期部门", KeyAlgorithm.SM2, validity);
    fixture.clock.stopAt(expired.certificate().getNotBefore().toInstant().plus(validity.dividedBy(2)));
    fixture.register(expired);
    fixture.clock.runAhead(validity.plusSeconds(1));
    ownerClient = fixture.client(owner);
    consumerClient = fixture.client(consumer);
    clients.put(Actor.OWNER, ownerClient);
    clients.put(Actor.OTHER, fixture.client(other));
    clients.put(Actor.UNKNOWN, fixture.client(unknown));
    clients.put(Actor.EXPIRED, fixture.client(expired));
    clients.put(Actor.ADMIN, fixture.adminClient);
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    // expected statuses for OWNER, OTHER, UNKNOWN, EXPIRED, ADMIN
    row(cases, "register a resource", AuthorizationMatrixIT::registerResource, 200, 403, 401, 401, 403);
    row(cases, "update a resource", (it, c) -> c.updateResource(it.ownResource(), it.descriptor(it.lastCode)), 200, 403, 401, 401, 403);
    row(cases, "retire a resource", (it, c) -> c.deleteResource(it.ownResource()), 200, 403, 401, 401, 403);
    row(cases, "get a resource", (it, c) -> c.getResource(it.ownResource()), 200, 200, 401, 401, 200);
    row(cases, "search the catalog", (it, c) -> c.searchResourcesPage(SearchOptions.builder().build(), 0), 200, 200, 401, 401, 200);
    row(cases, "read version history", (it, c) -> c.listResourceVersions(it.ownResource()), 200, 200, 401, 401, 200);
    row(cases, "register a department", (it, c) -> c.createDepartment(it.newDepartment()), 403, 403, 401, 401, 200);
    row(cases, "suspend a department", (it, c) -> c.suspendDepartment(it.registeredDepartment()), 403, 403, 401, 401, 200);
    row(cases, "list departments", (it, c) -> c.listDepartments().iterator().hasNext(), 200, 200, 401, 401, 200);
    row(cases, "apply for a grant", (it, c) -> c.createGrant(it.application(it.ownResource())), 422, 200, 401, 401, 403);
    row(cases, "approve a grant", (it, c) -> c.approveGrant(it.pendingGrant(), "同意"), 200, 403, 401, 401, 403);
    row(cases, "refuse a grant", (it, c) -> c.refuseGrant(it.pendingGrant(), "用途不符"), 200, 403, 401, 401, 403);
    row(cases, "revoke a grant", (it, c) -> c.revokeGrant(it.approvedGrant(), "业务结束"), 200, 403, 401, 401, 200);
    // only the consumer withdraws (HubApiContract covers the consumer's 200)
    row(cases, "withdraw an application", (it, c) -> c.withdrawGrant(it.pendingGrant(), "撤回"), 403, 403, 401, 401, 403);
    row(cases, "read a grant", (it, c) -> c.getGrant(it.pendingGrant()), 200, 403, 401, 401, 200);
    row(cases, "list all grants", (it, c) -> c.listGrants(ListGrantsOptions.of(GrantRole.ALL)).iterator().hasNext(),
        403, 403, 401, 401, 200);
    return cases.stream();
  }

  private static void row(List<Arguments> cases, String name, Operation op, int... expected) {
    for (Actor actor : Actor.values()) {
      cases.add(Arguments.of(name, actor, op, expected[actor.ordinal()]));
    }
  }

  @ParameterizedTest(name = "{0} as {1} -> {3}")
  @MethodSource("matrix")
  void operation_asActor_givesExpectedStatus(String name, Actor actor, Operation operation, int expected) {
    int status;
    String type = "";
    try {
      operation.run(this, clients.get(actor));
      status = 200;
    } catch (ShuqiaoException e) {
      status = e.status();
      type = e.type();
    }
    assertThat(status).as(name + " as " + actor).isEqualTo(expected);
    if (actor == Actor.UNKNOWN) {
      assertThat(type).isEqualTo("unknown-key");
    }
    if (actor == Actor.EXPIRED) {
      assertThat(type).isEqualTo("certificate-expired");
    }
  }

  @Test
  void grantLists_showOnlyTheCallersOwnGrants() {
    String grant = pendingGrant();
    List<String> asOtherProvider = ids(clients.get(Actor.OTHER), GrantRole.PROVIDER);
    List<String> asOtherConsumer = ids(clients.get(Actor.OTHER), GrantRole.CONSUMER);
    assertThat(asOtherProvider).doesNotContain(grant);
    assertThat(asOtherConsumer).doesNotContain(grant);
    assertThat(ids(ownerClient, GrantRole.PROVIDER)).contains(grant);
    assertThat(ids(consumerClient, GrantRole.CONSUMER)).contains(grant);
  }

  private static List<String> ids(ShuqiaoClient client, GrantRole role) {
    return StreamSupport.stream(client.listGrants(ListGrantsOptions.of(role)).spliterator(), false).map(Grant::id).toList();
  }

  private String lastCode;

  private static void registerResource(AuthorizationMatrixIT it, ShuqiaoClient client) {
    client.createResources(it.descriptor(HubApiContract.nextCode()));
  }

  String descriptor(String code) {
    lastCode = code;
    return Descriptors.catalog(Descriptors.conditional(code, TestCity.code(owner), "出生医学证明信息"));
  }

  String ownResource() {
    String code = HubApiContract.nextCode();
    ownerClient.createResources(descriptor(code));
    return code;
  }

  CreateGrantOptions application(String code) {
    return new CreateGrantOptions(code, List.of("证明编号"), "出生一件事户籍登记", "《户口登记条例》",
        Instant.now(), Instant.now().plus(Duration.ofDays(90)));
  }

  String pendingGrant() {
    return consumerClient.createGrant(application(ownResource())).id();
  }

  String approvedGrant() {
    String id = pendingGrant();
    ownerClient.approveGrant(id, null);
    return id;
  }

  CreateDepartmentOptions newDepartment() {
    DepartmentIdentity identity = fixture.city.department("新登记部门", KeyAlgorithm.ED25519);
    return new CreateDepartmentOptions(TestCity.code(identity), "新登记部门", Pem.encode(identity.certificate()),
        "https://new.example.gov.cn");
  }

  String registeredDepartment() {
    CreateDepartmentOptions options = newDepartment();
    fixture.adminClient.createDepartment(options);
    return options.code();
  }
}
