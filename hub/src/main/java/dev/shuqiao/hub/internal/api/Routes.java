package dev.shuqiao.hub.internal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.hub.internal.service.CatalogService;
import dev.shuqiao.hub.internal.service.DepartmentService;
import dev.shuqiao.hub.internal.service.ExchangeService;
import dev.shuqiao.hub.internal.service.GrantService;
import dev.shuqiao.hub.internal.service.GrantService.Decision;
import dev.shuqiao.hub.internal.service.HubException;
import dev.shuqiao.hub.internal.service.ReceiptService;
import dev.shuqiao.hub.internal.service.WitnessService;
import dev.shuqiao.hub.internal.store.ResourceQuery;
import dev.shuqiao.hub.internal.store.ResourceRow;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Maps {@code METHOD /v1/...} to its handler. */
final class Routes {

  private static final Set<String> SHARING_TYPES = Set.of("UNCONDITIONAL", "CONDITIONAL", "NOT_SHARED");
  private static final Set<String> GRANT_STATUSES = Set.of("PENDING", "APPROVED", "REFUSED", "REVOKED", "EXPIRED",
      "WITHDRAWN");

  private final DepartmentService departments;
  private final CatalogService catalog;
  private final GrantService grants;
  private final ExchangeService exchanges;
  private final WitnessService witness;
  private final ReceiptService receipts;
  private final MailboxRoutes mailbox;
  private final Clock clock;

  Routes(DepartmentService departments, CatalogService catalog, GrantService grants, ExchangeService exchanges,
      WitnessService witness, ReceiptService receipts, MailboxRoutes mailbox, Clock clock) {
    this.witness = witness;
    this.receipts = receipts;
    this.mailbox = mailbox;
    this.departments = departments;
    this.catalog = catalog;
    this.grants = grants;
    this.exchanges = exchanges;
    this.clock = clock;
  }

  /** Work to do once before serving: the catalog search index. */
  void prepare(java.sql.Connection c) throws java.sql.SQLException {
    catalog.prepareSearch(c);
  }

  /** The handler for a path below {@code /v1}; 404 or 405 if there is none. */
  Handler find(String method, List<String> s) {
    int n = s.size();
    String root = n > 1 ? s.get(1) : "";
    Handler handler = switch (root) {
      case "departments" -> departments(method, s, n);
      case "catalog" -> n >= 3 && s.get(2).equals("resources") ? resources(method, s, n) : null;
      case "grants" -> grants(method, s, n);
      case "exchanges" -> exchanges(method, s, n);
      case "mailbox" -> mailbox.find(method, s, n);
      case "audit" -> n == 5 && s.get(2).equals("logs") && s.get(4).equals("checkpoints")
          ? only(method, "POST", this::publishCheckpoint)
          : n == 3 && s.get(2).equals("receipts") ? only(method, "POST", (Handler.Untransacted) this::receiptEvidence)
          : null;
      default -> null;
    };
    if (handler == null) {
      throw new HubException(404, "no-such-endpoint", "No such endpoint", "see docs/hub-api.md for the API");
    }
    return handler;
  }

  private Reply publishCheckpoint(java.sql.Connection c, Call call) throws java.sql.SQLException {
    Body body = Body.parseStrict(call.body(), Set.of("checkpoint", "oldSize", "proof", "verifierKey", "hashSuite"));
    long oldSize = body.optionalLong("oldSize", 0, 0, Long.MAX_VALUE);
    List<String> encoded = body.textList("proof", 64, 100);
    List<byte[]> proof = new java.util.ArrayList<>();
    for (int i = 0; i < encoded.size(); i++) {
      try {
        proof.add(java.util.Base64.getDecoder().decode(encoded.get(i)));
      } catch (IllegalArgumentException e) {
        throw HubException.badField("proof[" + i + "]", "a proof hash is standard base64");
      }
    }
    String note = witness.publish(c, call.caller(), call.segment(3), new WitnessService.Publication(
        body.text("checkpoint", 20_000), oldSize, proof, body.text("verifierKey", 1000), body.text("hashSuite", 16)));
    return Reply.ok(Body.JSON.createObjectNode().put("checkpoint", note));
  }

  /** {@code POST /v1/audit/receipts}: read-only, so it needs neither a transaction nor an idempotency key. */
  private Reply receiptEvidence(Call call) {
    Body body = Body.parseStrict(call.body(), Set.of("messageIds"));
    List<String> ids = body.distinctTextList("messageIds", ReceiptService.MAX_MESSAGE_IDS, 36);
    try {
      return Reply.ok(Body.JSON.readTree(receipts.evidence(call.caller(), ids)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Handler departments(String method, List<String> s, int n) {
    if (n == 2) {
      return switch (method) {
        case "GET" -> (c, call) -> Reply.ok(Views.page(departments.list(c, call.page() * call.size(), call.size() + 1),
            call.page(), call.size(), Views::department));
        case "POST" -> (c, call) -> Reply.created(Views.department(departments.register(c, call.caller(), registration(call))));
        default -> notAllowed();
      };
    }
    if (n == 3) {
      return switch (method) {
        case "GET" -> (c, call) -> Reply.ok(Views.department(departments.get(c, call.segment(2))));
        case "PATCH" -> (c, call) -> Reply.ok(Views.department(departments.update(c, call.caller(), call.segment(2),
            update(call))));
        default -> notAllowed();
      };
    }
    if (n == 4) {
      return switch (s.get(3)) {
        case "suspend" -> only(method, "POST", (c, call) -> Reply.ok(Views.department(
            departments.suspend(c, call.caller(), call.segment(2)))));
        case "reinstate" -> only(method, "POST", (c, call) -> Reply.ok(Views.department(
            departments.reinstate(c, call.caller(), call.segment(2)))));
        case "certificate" -> only(method, "POST", (c, call) -> Reply.ok(Views.department(departments.rotate(c,
            call.caller(), call.segment(2), Body.parseStrict(call.body(), Set.of("certificatePem"))
                .text("certificatePem", 16_384)))));
        default -> null;
      };
    }
    return null;
  }

  private static DepartmentService.Update update(Call call) {
    Body body = Body.parseStrict(call.body(), Set.of("name", "endpointUrl"));
    return new DepartmentService.Update(nonBlank(body, "name", 200), nonBlank(body, "endpointUrl", 500));
  }

  private static DepartmentService.Registration registration(Call call) {
    call.caller().requireAdmin();
    Body body = Body.parse(call.body());
    return new DepartmentService.Registration(body.text("code", 18), body.text("name", 200),
        body.text("certificatePem", 16_384), body.text("endpointUrl", 500));
  }

  private Handler resources(String method, List<String> s, int n) {
    if (n == 3) {
      return switch (method) {
        case "GET" -> this::search;
        case "POST" -> (c, call) -> {
          List<ResourceRow> created = catalog.register(c, call.caller(), Body.utf8(call.body()));
          ObjectNode node = Body.JSON.createObjectNode();
          ArrayNode items = node.putArray("items");
          created.forEach(r -> items.add(Views.resource(r, true)));
          return Reply.created(node);
        };
        default -> notAllowed();
      };
    }
    if (n == 4) {
      return switch (method) {
        case "GET" -> (c, call) -> Reply.ok(Views.resource(catalog.get(c, call.segment(3)), true));
        case "PUT" -> (c, call) -> Reply.ok(Views.resource(
            catalog.update(c, call.caller(), call.segment(3), Body.utf8(call.body())), true));
        case "DELETE" -> (c, call) -> Reply.ok(Views.resource(catalog.retire(c, call.caller(), call.segment(3)), true));
        default -> notAllowed();
      };
    }
    if (n == 5 && s.get(4).equals("versions")) {
      return only(method, "GET", (c, call) -> {
        ObjectNode node = Body.JSON.createObjectNode();
        ArrayNode items = node.putArray("items");
        catalog.versions(c, call.segment(3)).forEach(v -> items.add(Views.version(v)));
        return Reply.ok(node);
      });
    }
    return null;
  }

  private Reply search(java.sql.Connection c, Call call) throws java.sql.SQLException {
    int page = call.page();
    int size = call.size();
    ResourceQuery query = new ResourceQuery(call.param("q"), call.param("provider"),
        oneOf(call, "sharingType", SHARING_TYPES), call.param("classification"), oneOf(call, "format", FORMATS),
        since(call), flag(call, "includeRetired"), page * size, size + 1);
    CatalogService.SearchResult result = catalog.search(c, query);
    ObjectNode node = Views.page(result.items(), page, size, r -> Views.resource(r, false));
    node.put("total", result.total());
    node.set("facets", Views.facets(result.facets()));
    return Reply.ok(node);
  }

  private Handler grants(String method, List<String> s, int n) {
    if (n == 2) {
      return switch (method) {
        case "GET" -> (c, call) -> Reply.ok(Views.page(grants.list(c, call.caller(),
            call.param("role") == null ? "consumer" : call.param("role"), oneOf(call, "status", GRANT_STATUSES),
            overdue(call), call.page() * call.size(), call.size() + 1), call.page(), call.size(), g -> Views.grant(g, clock.instant())));
        case "POST" -> (c, call) -> Reply.created(Views.grant(grants.apply(c, call.caller(), application(call)), clock.instant()));
        default -> notAllowed();
      };
    }
    if (n == 3) {
      return only(method, "GET", (c, call) -> Reply.ok(Views.grant(grants.get(c, call.caller(), call.segment(2)), clock.instant())));
    }
    if (n == 4 && s.get(3).equals("withdraw")) {
      return only(method, "POST", (c, call) -> {
        String reason = call.body().length == 0 ? null : Body.parse(call.body()).optionalText("reason", 2000);
        return Reply.ok(Views.grant(grants.withdraw(c, call.caller(), call.segment(2), reason), clock.instant()));
      });
    }
    if (n == 4) {
      Decision decision = switch (s.get(3)) {
        case "approve" -> Decision.APPROVE;
        case "refuse" -> Decision.REFUSE;
        case "revoke" -> Decision.REVOKE;
        default -> null;
      };
      if (decision == null) {
        return null;
      }
      return only(method, "POST", (c, call) -> {
        String reason = call.body().length == 0 ? null : Body.parse(call.body()).optionalText("reason", 2000);
        return Reply.ok(Views.grant(grants.decide(c, call.caller(), call.segment(2), decision, reason), clock.instant()));
      });
    }
    return null;
  }

  /**
   * {@code POST /v1/exchanges} (consumer), {@code POST /v1/exchanges/poll} and {@code POST
   * /v1/exchanges/{messageId}/reply} (provider, pull mode): docs/exchange.md. They wait on other
   * parties, so they manage their own transactions.
   */
  private Handler exchanges(String method, List<String> s, int n) {
    if (n >= 2 && n <= 4) {
      exchanges.requireEnabled();
    }
    if (n == 2) {
      return only(method, "POST", (Handler.Untransacted) call -> Reply.ok(exchanges.exchange(call.caller(), exchange(call))));
    }
    if (n == 3 && s.get(2).equals("poll")) {
      return only(method, "POST", (Handler.Untransacted) call -> {
        Body body = call.body().length == 0 ? Body.parseStrict(new byte[] {'{', '}'}, POLL_MEMBERS)
            : Body.parseStrict(call.body(), POLL_MEMBERS);
        return Reply.ok(exchanges.poll(call.caller(), body.optionalInt("waitSeconds", 25, 0, 30),
            body.optionalInt("max", 16, 1, 64)));
      });
    }
    if (n == 4 && s.get(3).equals("reply")) {
      return only(method, "POST", (Handler.Untransacted) call -> Reply.ok(exchanges.reply(call.caller(),
          pathUuid(call.segment(2)), call.body())));
    }
    return null;
  }

  private static final Set<String> EXCHANGE_MEMBERS = Set.of("messageId", "resourceCode", "items", "purpose", "caseId",
      "grantId", "request");
  private static final Set<String> POLL_MEMBERS = Set.of("waitSeconds", "max");

  private static ExchangeService.Request exchange(Call call) {
    call.caller().requireDepartment();
    Body body = Body.parseStrict(call.body(), EXCHANGE_MEMBERS);
    java.util.UUID messageId = body.uuid("messageId");
    String resourceCode = plain("resourceCode", body.text("resourceCode", 64));
    List<String> items = body.distinctTextList("items", 500, 200);
    for (int i = 0; i < items.size(); i++) {
      plain("items[" + i + "]", items.get(i));
    }
    return new ExchangeService.Request(messageId, resourceCode, items, plain("purpose", body.text("purpose", 2000)),
        nonBlank(body, "caseId", 256), nonBlank(body, "grantId", 256), body.base64url("request", Integer.MAX_VALUE));
  }

  /** Absent, null, or 1..maxLength characters that are not all blank. */
  static String nonBlank(Body body, String field, int maxLength) {
    String value = body.optionalText(field, maxLength);
    if (value != null && value.isBlank()) {
      throw HubException.badField(field, field + " is 1 to " + maxLength + " characters, or null");
    }
    return value == null ? null : plain(field, value);
  }

  /** Ticket members carry no control characters (docs/exchange.md §3). */
  static String plain(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw HubException.badField(field, field + " contains a control character");
      }
    }
    return value;
  }

  static java.util.UUID pathUuid(String segment) {
    if (!segment.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      throw HubException.badField("messageId", "the message id in the path must be a lower-case UUID");
    }
    return java.util.UUID.fromString(segment);
  }

  private static GrantService.Application application(Call call) {
    call.caller().requireDepartment();
    Body body = Body.parse(call.body());
    return new GrantService.Application(body.text("resourceCode", 64), body.textList("items", 500, 200),
        body.text("purpose", 2000), body.text("legalBasis", 2000), body.instant("validFrom"), body.instant("validUntil"));
  }

  private static final Set<String> FORMATS = java.util.Arrays.stream(dev.shuqiao.catalog.ResourceFormat.values())
      .map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** {@code true}, {@code false} or absent (false); anything else is 400 rather than silently false. */
  private static boolean flag(Call call, String name) {
    String value = call.param(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw HubException.badField(name, name + " is true or false");
  }

  private static String oneOf(Call call, String name, Set<String> allowed) {
    String value = upper(call.param(name));
    if (value != null && !allowed.contains(value)) {
      throw HubException.badField(name, name + " is one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return value;
  }

  private static boolean overdue(Call call) {
    String value = call.param("overdue");
    if (value != null && !value.equals("true") && !value.equals("false")) {
      throw HubException.badField("overdue", "overdue is true or false");
    }
    return "true".equals(value);
  }

  private static String upper(String value) {
    return value == null ? null : value.toUpperCase(Locale.ROOT);
  }

  private static Instant since(Call call) {
    String value = call.param("updatedSince");
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw HubException.badField("updatedSince", "updatedSince must be an ISO-8601 instant");
    }
  }

  static Handler only(String method, String allowed, Handler handler) {
    return method.equals(allowed) ? handler : notAllowed();
  }

  static Handler notAllowed() {
    throw new HubException(405, "method-not-allowed", "Method not allowed", "this endpoint does not take that method");
  }
}
