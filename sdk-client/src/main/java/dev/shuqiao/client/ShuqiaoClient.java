package dev.shuqiao.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogWriter;
import dev.shuqiao.catalog.ResourceCodeFormat;
import dev.shuqiao.client.model.CatalogResource;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Delivery;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.client.model.ListGrantsOptions;
import dev.shuqiao.client.model.Page;
import dev.shuqiao.client.model.RegisteredDepartment;
import dev.shuqiao.client.model.UpdateDepartmentOptions;
import dev.shuqiao.client.model.ResourceVersion;
import dev.shuqiao.client.model.SearchOptions;
import dev.shuqiao.client.model.SearchPage;
import dev.shuqiao.crypto.EnvelopeOpener;
import dev.shuqiao.crypto.ReplayGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import okhttp3.MediaType;

/**
 * The client of the Shuqiao exchange hub for one department (or the hub administrator). Immutable
 * and thread-safe: build one and share it. Every request is signed (RFC 9421) with the identity;
 * writes carry an idempotency key, so the automatic retries never apply a change twice.
 *
 * <pre>{@code
 * ShuqiaoClient client = ShuqiaoClient.builder()
 *     .endpoint("https://hub.liuzhou.example.gov.cn")
 *     .credential(DepartmentIdentity.fromPkcs12(p12, password))
 *     .build();
 * client.createResources(Files.readString(Path.of("catalog.yaml")));
 * for (CatalogResource r : client.searchResources(SearchOptions.builder().text("出生").build())) { ... }
 * Grant grant = client.createGrant(new CreateGrantOptions(code, items, purpose, basis, from, until));
 * ExchangeResponse births = client.exchange(ExchangeRequest.builder().resourceCode(code).items(items)
 *     .parameter("出生医学证明编号", "Q450200123").purpose("出生一件事：户籍登记").grantId(grant.id()).build());
 * }</pre>
 *
 * <p>Failures are {@link ShuqiaoException}s: {@link NotFoundException}, {@link ConflictException},
 * {@link ForbiddenException}, {@link AuthenticationException}, {@link ValidationException} (with the
 * validator's problem list), {@link ServiceUnavailableException}; for exchanges the {@link ExchangeException}s.
 */
public final class ShuqiaoClient {

  private static final MediaType YAML = MediaType.get("application/yaml; charset=utf-8");

  private final Transport transport;
  private final Executor executor;
  /** Null when the client was built without a trust store. */
  private final ConsumerExchange exchange;
  private final Mailbox mailbox;

  ShuqiaoClient(Transport transport, Executor executor, ConsumerExchange.Settings exchange, Duration directoryTtl) {
    this.transport = transport;
    this.executor = executor;
    this.mailbox = new Mailbox(transport, exchange, this::getDepartment);
    this.exchange = exchange == null ? null : new ConsumerExchange(transport,
        new ProviderDirectory(this::getResource, this::getDepartment, exchange.trust(), directoryTtl, exchange.clock()),
        exchange, EnvelopeOpener.builder().addIdentity(exchange.identity()).trustStore(exchange.trust())
            .replayGuard(ReplayGuard.builder().clock(exchange.clock()).build()).clock(exchange.clock()).build());
  }

  public static ShuqiaoClientBuilder builder() {
    return new ShuqiaoClientBuilder();
  }

  // ---- exchange ----

  /**
   * Obtains records of another department's resource through the hub (docs/exchange.md): looks up
   * the provider and its certificate, seals the query for it, posts it to the hub (retrying with the
   * same sealed bytes and message id until the request's deadline), then opens and checks the
   * response. The hub sees who asks whom for which items under which grant, never the parameters,
   * the subject or the records.
   *
   * @throws ExchangeRefusedException the hub or the provider refused (no grant, not shared, ...)
   * @throws ProviderUnavailableException the provider failed or the hub's circuit for it is open
   * @throws ProviderTimeoutException no answer from the provider in time, or the request's deadline passed
   * @throws ExchangeProtocolException the answer did not verify; nothing of it is returned
   * @throws IllegalStateException if the client was built without a trust store
   */
  public ExchangeResponse exchange(ExchangeRequest request) {
    java.util.Objects.requireNonNull(request, "request");
    if (exchange == null) {
      throw new IllegalStateException("exchange needs the city trust store: set ShuqiaoClientBuilder.trustStore");
    }
    return exchange.run(request);
  }

  /**
   * The first half of {@link #exchange}: looks up the provider and seals the query, sending nothing.
   * Keep {@link PreparedExchange#toBytes()} where a restart finds it, then {@link #send} it.
   *
   * @throws IllegalStateException if the client was built without a trust store
   */
  public PreparedExchange prepareExchange(ExchangeRequest request) {
    java.util.Objects.requireNonNull(request, "request");
    return exchangeSide().prepare(request);
  }

  /**
   * The second half of {@link #exchange}: sends a prepared exchange (again, after a restart: the same
   * bytes under the same message id) and opens and checks the answer, within the request's timeout
   * from now. Throws what {@link #exchange} throws.
   */
  public ExchangeResponse send(PreparedExchange prepared) {
    java.util.Objects.requireNonNull(prepared, "prepared");
    return exchangeSide().send(prepared);
  }

  private ConsumerExchange exchangeSide() {
    if (exchange == null) {
      throw new IllegalStateException("exchange needs the city trust store: set ShuqiaoClientBuilder.trustStore");
    }
    return exchange;
  }

  /** {@link #exchange} on the client's executor. */
  public CompletableFuture<ExchangeResponse> exchangeAsync(ExchangeRequest request) {
    java.util.Objects.requireNonNull(request, "request");
    return async(() -> exchange(request));
  }

  // ---- mailbox: bulk datasets (docs/bulk.md) ----

  /**
   * This department's mailbox on the hub: datasets other departments delivered to it. Opening and
   * the consumer-side audit need the trust store (and audit recorder) of the builder.
   */
  public Mailbox mailbox() {
    return mailbox;
  }

  /**
   * Delivers a dataset to a consumer's mailbox (docs/bulk.md): seals {@code source} for the
   * consumer's registered certificate (validated against the trust store) into a temporary file,
   * uploads it in chunks, resuming from the hub's committed offset after a dropped connection or
   * a hub restart, and audits {@code mailbox.deliver} once the hub holds it READY. The hub checks
   * the delivery as it checks an exchange (resource, provider, items, sharing type, grant).
   *
   * @throws ForbiddenException a refusal ({@code not-shared}, {@code grant-*}, {@code not-the-provider})
   * @throws ValidationException a bad request, {@code unknown-item}, or 413 {@code quota-exceeded} /
   *     {@code upload-too-large} with the limit in the detail
   * @throws IllegalStateException if the client was built without a trust store
   */
  public Delivery deliver(DeliverOptions options) {
    java.util.Objects.requireNonNull(options, "options");
    return mailbox.deliver(options);
  }

  // ---- departments (create, suspend, reinstate need the administrator identity) ----

  public RegisteredDepartment createDepartment(CreateDepartmentOptions options) {
    ObjectNode body = Codec.JSON.createObjectNode().put("code", options.code()).put("name", options.name())
        .put("certificatePem", options.certificatePem()).put("endpointUrl", options.endpointUrl());
    return Codec.department(json("POST", List.of("departments"), Map.of(), body));
  }

  public RegisteredDepartment suspendDepartment(String code) {
    return Codec.department(json("POST", List.of("departments", code, "suspend"), Map.of(), null));
  }

  /** Administrator: a suspended department may sign requests again (docs/hub-api.md "Department lifecycle"). */
  public RegisteredDepartment reinstateDepartment(String code) {
    return Codec.department(json("POST", List.of("departments", code, "reinstate"), Map.of(), null));
  }

  /** The department itself (signed with its key): a new name, endpoint URL, or both. */
  public RegisteredDepartment updateDepartment(String code, UpdateDepartmentOptions options) {
    ObjectNode body = Codec.JSON.createObjectNode();
    if (options.name() != null) {
      body.put("name", options.name());
    }
    if (options.endpointUrl() != null) {
      body.put("endpointUrl", options.endpointUrl());
    }
    return Codec.department(json("PATCH", List.of("departments", code), Map.of(), body));
  }

  /**
   * Installs the department's new certificate (PEM, issued by the city CA for the same code). Signed
   * by the department with its current key, or by an administrator when that key is lost, revoked or
   * expired. From then on the department signs with the new key: build a new client with it.
   */
  public RegisteredDepartment rotateDepartmentCertificate(String code, String certificatePem) {
    ObjectNode body = Codec.JSON.createObjectNode().put("certificatePem", certificatePem);
    return Codec.department(json("POST", List.of("departments", code, "certificate"), Map.of(), body));
  }

  public RegisteredDepartment getDepartment(String code) {
    return Codec.department(json("GET", List.of("departments", code), Map.of(), null));
  }

  public PagedIterable<RegisteredDepartment> listDepartments() {
    return new PagedIterable<>(this::listDepartmentsPage);
  }

  /** One page (from 0) of {@link #listDepartments}, 100 departments per page. */
  public Page<RegisteredDepartment> listDepartmentsPage(int page) {
    return Codec.page(json("GET", List.of("departments"), pageQuery(page, 100), null), Codec::department);
  }

  // ---- catalog ----

  /** Registers every resource of a catalog descriptor (YAML or JSON text); all must be new and the caller's. */
  public List<CatalogResource> createResources(String descriptor) {
    byte[] body = descriptor.getBytes(StandardCharsets.UTF_8);
    return Codec.list(Codec.tree(transport.call("POST", path("catalog", "resources"), Map.of(), body, YAML))
        .path("items"), Codec::resource);
  }

  /** Registers every resource of {@code catalog}. */
  public List<CatalogResource> createResources(Catalog catalog) {
    return createResources(CatalogWriter.toJson(catalog, ResourceCodeFormat.DEFAULT));
  }

  /** Replaces resource {@code code} with the single resource of {@code descriptor}: a new version. */
  public CatalogResource updateResource(String code, String descriptor) {
    byte[] body = descriptor.getBytes(StandardCharsets.UTF_8);
    return Codec.resource(Codec.tree(transport.call("PUT", path("catalog", "resources", code), Map.of(), body, YAML)));
  }

  /** Retires a resource: it keeps its history but leaves searches and takes no new grants. */
  public CatalogResource deleteResource(String code) {
    return Codec.resource(json("DELETE", List.of("catalog", "resources", code), Map.of(), null));
  }

  public CatalogResource getResource(String code) {
    return Codec.resource(json("GET", List.of("catalog", "resources", code), Map.of(), null));
  }

  public boolean existsResource(String code) {
    try {
      getResource(code);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  public List<ResourceVersion> listResourceVersions(String code) {
    return Codec.list(json("GET", List.of("catalog", "resources", code, "versions"), Map.of(), null).path("items"),
        Codec::version);
  }

  /** One page (0-based) of search results with the total and facet counts. */
  public SearchPage searchResourcesPage(SearchOptions options, int page) {
    Map<String, String> query = new LinkedHashMap<>(options.query());
    query.putAll(pageQuery(page, options.pageSize()));
    return Codec.searchPage(json("GET", List.of("catalog", "resources"), query, null));
  }

  /** Every match, fetched page by page while iterating. */
  public PagedIterable<CatalogResource> searchResources(SearchOptions options) {
    return new PagedIterable<>(page -> {
      SearchPage p = searchResourcesPage(options, page);
      return new Page<>(p.items(), p.page(), p.size(), p.hasMore());
    });
  }

  // ---- grants ----

  /** Applies, as consumer, for items of a conditional resource. */
  public Grant createGrant(CreateGrantOptions options) {
    ObjectNode body = Codec.JSON.createObjectNode().put("resourceCode", options.resourceCode())
        .put("purpose", options.purpose()).put("legalBasis", options.legalBasis())
        .put("validFrom", options.validFrom().toString()).put("validUntil", options.validUntil().toString());
    options.items().forEach(body.putArray("items")::add);
    return Codec.grant(json("POST", List.of("grants"), Map.of(), body));
  }

  /** Approves, as provider, a pending grant; the reason is optional. */
  public Grant approveGrant(String id, String reason) {
    return decide(id, "approve", reason);
  }

  /** Refuses, as provider, a pending grant with a written reason. */
  public Grant refuseGrant(String id, String reason) {
    return decide(id, "refuse", reason);
  }

  /** Revokes an approved grant with a written reason (provider or administrator). */
  public Grant revokeGrant(String id, String reason) {
    return decide(id, "revoke", reason);
  }

  public Grant getGrant(String id) {
    return Codec.grant(json("GET", List.of("grants", id), Map.of(), null));
  }

  /**
   * Withdraws, as consumer, an application that is still PENDING (the reason is optional); the
   * grant becomes WITHDRAWN.
   */
  public Grant withdrawGrant(String id, String reason) {
    return decide(id, "withdraw", reason);
  }

  public PagedIterable<Grant> listGrants(ListGrantsOptions options) {
    return new PagedIterable<>(page -> listGrantsPage(options, page));
  }

  /** One page (from 0) of {@link #listGrants}. */
  public Page<Grant> listGrantsPage(ListGrantsOptions options, int page) {
    Map<String, String> query = new LinkedHashMap<>(pageQuery(page, options.pageSize()));
    query.put("role", options.role().name().toLowerCase(java.util.Locale.ROOT));
    options.status().ifPresent(s -> query.put("status", s.name()));
    if (options.overdueOnly()) {
      query.put("overdue", "true");
    }
    return Codec.page(json("GET", List.of("grants"), query, null), Codec::grant);
  }

  /** The hub's latest signed audit checkpoint (a C2SP signed note). */
  public String getAuditCheckpoint() {
    return new String(transport.call("GET", path("audit", "checkpoint"), Map.of(), null, null), StandardCharsets.UTF_8);
  }

  // ---- async variants: the same calls on the client's executor (listings one page per future) ----

  public CompletableFuture<CatalogResource> getResourceAsync(String code) {
    return async(() -> getResource(code));
  }

  public CompletableFuture<SearchPage> searchResourcesPageAsync(SearchOptions options, int page) {
    return async(() -> searchResourcesPage(options, page));
  }

  public CompletableFuture<List<CatalogResource>> createResourcesAsync(String descriptor) {
    return async(() -> createResources(descriptor));
  }

  public CompletableFuture<Grant> createGrantAsync(CreateGrantOptions options) {
    return async(() -> createGrant(options));
  }

  public CompletableFuture<Grant> approveGrantAsync(String id, String reason) {
    return async(() -> approveGrant(id, reason));
  }

  public CompletableFuture<Grant> refuseGrantAsync(String id, String reason) {
    return async(() -> refuseGrant(id, reason));
  }

  public CompletableFuture<Grant> getGrantAsync(String id) {
    return async(() -> getGrant(id));
  }

  public CompletableFuture<RegisteredDepartment> createDepartmentAsync(CreateDepartmentOptions options) {
    return async(() -> createDepartment(options));
  }

  public CompletableFuture<RegisteredDepartment> suspendDepartmentAsync(String code) {
    return async(() -> suspendDepartment(code));
  }

  public CompletableFuture<RegisteredDepartment> getDepartmentAsync(String code) {
    return async(() -> getDepartment(code));
  }

  public CompletableFuture<CatalogResource> updateResourceAsync(String code, String descriptor) {
    return async(() -> updateResource(code, descriptor));
  }

  public CompletableFuture<CatalogResource> deleteResourceAsync(String code) {
    return async(() -> deleteResource(code));
  }

  public CompletableFuture<List<ResourceVersion>> listResourceVersionsAsync(String code) {
    return async(() -> listResourceVersions(code));
  }

  public CompletableFuture<Grant> revokeGrantAsync(String id, String reason) {
    return async(() -> revokeGrant(id, reason));
  }

  public CompletableFuture<Grant> withdrawGrantAsync(String id, String reason) {
    return async(() -> withdrawGrant(id, reason));
  }

  public CompletableFuture<Page<Grant>> listGrantsPageAsync(ListGrantsOptions options, int page) {
    return async(() -> listGrantsPage(options, page));
  }

  public CompletableFuture<Page<RegisteredDepartment>> listDepartmentsPageAsync(int page) {
    return async(() -> listDepartmentsPage(page));
  }

  public CompletableFuture<String> getAuditCheckpointAsync() {
    return async(this::getAuditCheckpoint);
  }

  // ---- audit checkpoints witnessed by the hub (docs/audit.md, "Witnessed checkpoints") ----

  /**
   * Signs the log's current tree head with {@code signer}, proves it consistent with the checkpoint
   * the hub holds for this log and publishes it; returns the hub's cosigned copy (check it with
   * {@link dev.shuqiao.audit.Checkpoint#verifyCosignature} and the hub's witness key). A checkpoint
   * witnessed meanwhile by another publisher is fetched and proved from once more.
   *
   * @throws ConflictException {@code checkpoint-rollback} or {@code checkpoint-conflict} if the log is
   *     behind or forked from what the hub witnessed
   * @throws ValidationException {@code checkpoint-inconsistent} if the log was rewritten
   * @throws ForbiddenException {@code checkpoint-unknown-key} or {@code audit-log-owner}
   */
  public dev.shuqiao.audit.Checkpoint publishAuditCheckpoint(dev.shuqiao.audit.AuditLog log,
      dev.shuqiao.audit.CheckpointSigner signer) {
    dev.shuqiao.audit.Checkpoint checkpoint = log.checkpoint(signer);
    for (int attempt = 0; ; attempt++) {
      long held = getWitnessedCheckpoint(log.origin()).map(dev.shuqiao.audit.Checkpoint::treeSize).orElse(0L);
      ObjectNode body = Codec.JSON.createObjectNode().put("checkpoint", checkpoint.note()).put("oldSize", held)
          .put("verifierKey", signer.verifierKey()).put("hashSuite", log.hashSuite().id());
      var proof = body.putArray("proof");
      if (held > 0 && held < checkpoint.treeSize()) {
        log.consistencyProof(held, checkpoint.treeSize()).forEach(h -> proof.add(java.util.Base64.getEncoder()
            .encodeToString(h)));
      }
      try {
        return dev.shuqiao.audit.Checkpoint.parse(json("POST", List.of("audit", "logs", log.origin(), "checkpoints"),
            Map.of(), body).path("checkpoint").asText());
      } catch (ConflictException e) {
        if (attempt > 0 || !"checkpoint-stale".equals(e.type())) {
          throw e;
        }
      }
    }
  }

  /** The latest checkpoint of the audit log {@code origin} that the hub witnessed (public, unsigned on the hub). */
  public java.util.Optional<dev.shuqiao.audit.Checkpoint> getWitnessedCheckpoint(String origin) {
    try {
      return java.util.Optional.of(dev.shuqiao.audit.Checkpoint.parse(new String(transport.call("GET",
          path("audit", "logs", origin, "checkpoint"), Map.of(), null, null), StandardCharsets.UTF_8)));
    } catch (NotFoundException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The hub's own audit entries of exchanges {@code messageIds} (at most 500), with their inclusion
   * proofs against a checkpoint the hub signs now: the hub's part of a citizen's receipts
   * (docs/receipts.md). Nothing in it is checked yet: {@link dev.shuqiao.audit.ReceiptEvidence#verify}
   * it against the hub's checkpoint key. {@link CitizenReceipts} does all of this.
   *
   * @throws ValidationException for a malformed message id
   * @throws ExchangeProtocolException if the answer is not receipt evidence
   */
  public dev.shuqiao.audit.ReceiptEvidence getReceiptEvidence(java.util.Collection<String> messageIds) {
    ObjectNode body = Codec.JSON.createObjectNode();
    var ids = body.putArray("messageIds");
    messageIds.forEach(ids::add);
    String answer = json("POST", List.of("audit", "receipts"), Map.of(), body).toString();
    try {
      return dev.shuqiao.audit.ReceiptEvidence.parse(answer);
    } catch (IllegalArgumentException e) {
      throw new ExchangeProtocolException("the hub's receipt evidence is malformed: " + e.getMessage(),
          "receipt-evidence-malformed", null, e);
    }
  }

  /** The hub's witness verifier key, which its cosignatures verify with. */
  public String getWitnessKey() {
    return new String(transport.call("GET", path("audit", "witness-key"), Map.of(), null, null),
        StandardCharsets.UTF_8).strip();
  }

  private <T> CompletableFuture<T> async(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, executor);
  }

  private Grant decide(String id, String decision, String reason) {
    ObjectNode body = Codec.JSON.createObjectNode();
    if (reason != null) {
      body.put("reason", reason);
    }
    return Codec.grant(json("POST", List.of("grants", id, decision), Map.of(), body));
  }

  private com.fasterxml.jackson.databind.JsonNode json(String method, List<String> segments, Map<String, String> query,
      Object body) {
    List<String> full = new java.util.ArrayList<>(List.of("v1"));
    full.addAll(segments);
    byte[] bytes = body == null ? null : Codec.bytes(body);
    return Codec.tree(transport.call(method, full, query, bytes, Transport.JSON));
  }

  private static List<String> path(String... segments) {
    List<String> full = new java.util.ArrayList<>(List.of("v1"));
    full.addAll(List.of(segments));
    return full;
  }

  private static Map<String, String> pageQuery(int page, int size) {
    return Map.of("page", Integer.toString(page), "size", Integer.toString(size));
  }

  // ---- for dev.shuqiao.provider (pull mode); kept in this one block at the end of the class ----

  /**
   * For {@code dev.shuqiao.provider.ProviderConnection} only, not an application API: sends a
   * signed {@code POST /v1/exchanges/<segments…>} with a JSON body (the poll, a reply) and returns
   * the body of the 2xx answer. Retries and errors as every call.
   *
   * @throws ShuqiaoException as the typed methods do
   */
  public byte[] postToExchanges(List<String> segments, byte[] jsonBody) {
    List<String> full = new java.util.ArrayList<>(List.of("v1", "exchanges"));
    full.addAll(segments);
    return transport.call("POST", full, Map.of(), jsonBody, Transport.JSON, true);
  }
}
