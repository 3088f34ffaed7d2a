package dev.shuqiao.hub.internal.api;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.CheckpointCosigner;
import dev.shuqiao.audit.CheckpointSigner;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.hub.WorkingCalendar;
import dev.shuqiao.hub.internal.service.Auditor;
import dev.shuqiao.hub.internal.service.Caller;
import dev.shuqiao.hub.internal.service.CatalogService;
import dev.shuqiao.hub.internal.service.DepartmentService;
import dev.shuqiao.hub.internal.service.ExchangeService;
import dev.shuqiao.hub.internal.service.ExchangeSettings;
import dev.shuqiao.hub.internal.service.GrantService;
import dev.shuqiao.hub.internal.service.MailboxService;
import dev.shuqiao.hub.internal.service.MailboxSettings;
import dev.shuqiao.hub.internal.service.HubException;
import dev.shuqiao.hub.internal.service.ReceiptService;
import dev.shuqiao.hub.internal.service.WitnessService;
import dev.shuqiao.hub.internal.store.Database;
import dev.shuqiao.hub.internal.store.InstanceStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole HTTP surface: {@code /health}, {@code /metrics}, {@code /v1/audit/*} (public) and the
 * signed {@code /v1/...} API. Client mistakes become problem+json 4xx; only real faults are 500.
 */
public final class ApiServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private final transient Database db;
  private final transient Authenticator authenticator;
  private final transient Routes routes;
  private final transient ExchangeService exchanges;
  private final transient WitnessService witness;
  private final transient Idempotency idempotency;
  private final transient Metrics metrics;
  private final transient AuditLog auditLog;
  private final transient CheckpointSigner checkpointSigner;
  private static final byte[] NO_BODY = new byte[0];

  private final int maxBodyBytes;
  private final transient InstanceStore instances = new InstanceStore();
  private final transient Caller unauthenticatedCaller;
  private final transient AuthFailureLimiter authFailures;
  /** Failed authentications one source may make per minute before it gets 429 (issue 15 item 9). */
  static final int MAX_AUTH_FAILURES_PER_MINUTE = 30;

  /** Everything the servlet needs, assembled by {@code HubServer}. */
  public record Settings(Database db, Supplier<TrustStore> trust, Map<String, X509Certificate> admins, Clock clock,
      Duration signatureWindow, int maxBodyBytes, AuditLog auditLog, CheckpointSigner checkpointSigner,
      CatalogReader catalogReader, WorkingCalendar calendar, ExchangeSettings exchange, String origin,
      CheckpointCosigner witnessKey, boolean allowInsecureEndpoints, MailboxSettings mailbox) {

    /** With the endpoint rule of production: https and a public host only. */
    public Settings(Database db, Supplier<TrustStore> trust, Map<String, X509Certificate> admins, Clock clock,
        Duration signatureWindow, int maxBodyBytes, AuditLog auditLog, CheckpointSigner checkpointSigner,
        CatalogReader catalogReader, WorkingCalendar calendar, ExchangeSettings exchange, String origin,
        CheckpointCosigner witnessKey) {
      this(db, trust, admins, clock, signatureWindow, maxBodyBytes, auditLog, checkpointSigner, catalogReader, calendar,
          exchange, origin, witnessKey, false, MailboxSettings.disabled());
    }

    /** Without the exchange channel (503 {@code exchange-disabled}). */
    public Settings(Database db, Supplier<TrustStore> trust, Map<String, X509Certificate> admins, Clock clock,
        Duration signatureWindow, int maxBodyBytes, AuditLog auditLog, CheckpointSigner checkpointSigner,
        CatalogReader catalogReader, WorkingCalendar calendar) {
      this(db, trust, admins, clock, signatureWindow, maxBodyBytes, auditLog, checkpointSigner, catalogReader, calendar,
          ExchangeSettings.disabled(), "hub", null, false, MailboxSettings.disabled());
    }
  }

  /** The services the web console shares with the API (one search index, one set of business rules). */
  public record ConsoleBackend(Database db, DepartmentService departments, CatalogService catalog, GrantService grants,
      Auditor auditor, Clock clock) {}

  private final transient ConsoleBackend consoleBackend;

  public ConsoleBackend consoleBackend() {
    return consoleBackend;
  }

  public ApiServlet(Settings s) {
    this(s, null);
  }

  /**
   * For the signing-overhead benchmark only (it lives in this package in the benchmarks module):
   * the same servlet with authentication skipped, answering every signed-API request as {@code
   * unauthenticatedCaller}, so that what signing and verification add is measured against this very
   * servlet. {@code HubServer} never calls this; {@code null} means authenticate as always.
   */
  ApiServlet(Settings s, Caller unauthenticatedCaller) {
    this.unauthenticatedCaller = unauthenticatedCaller;
    Auditor auditor = new Auditor(s.auditLog(), s.clock());
    this.db = s.db();
    this.authenticator = new Authenticator(s.db(), s.trust(), s.admins(), s.clock(), s.signatureWindow());
    this.exchanges = new ExchangeService(s.db(), s.exchange(), auditor, s.clock(), s.origin(), 16 * s.maxBodyBytes());
    this.witness = new WitnessService(s.witnessKey(), s.clock(), auditor);
    DepartmentService departments = new DepartmentService(s.trust(), auditor, s.clock(), s.allowInsecureEndpoints());
    CatalogService catalog = new CatalogService(s.catalogReader(), auditor, s.clock());
    GrantService grants = new GrantService(auditor, s.clock(), s.calendar());
    this.routes = new Routes(departments, catalog, grants, exchanges, witness,
        new ReceiptService(s.auditLog(), s.checkpointSigner()),
        new MailboxRoutes(new MailboxService(s.db(), s.mailbox(), auditor, s.clock())), s.clock());
    this.consoleBackend = new ConsoleBackend(s.db(), departments, catalog, grants, auditor, s.clock());
    this.metrics = new Metrics();
    this.idempotency = new Idempotency(s.db(), metrics);
    this.auditLog = s.auditLog();
    this.checkpointSigner = s.checkpointSigner();
    this.maxBodyBytes = s.maxBodyBytes();
    this.authFailures = new AuthFailureLimiter(MAX_AUTH_FAILURES_PER_MINUTE, Duration.ofMinutes(1), s.clock());
  }

  /** Builds what requests need before the first one arrives (the catalog search index). */
  public void prepare() throws SQLException {
    db.inTransaction(c -> {
      routes.prepare(c);
      return null;
    });
    exchanges.start();
  }

  /** Stops the exchange relay (its HTTP client, held polls). */
  @Override
  public void destroy() {
    exchanges.close();
    super.destroy();
  }

  /**
   * Call after the trust store (roots, CRLs) was replaced: every certificate is validated afresh
   * on its next request and this instance's signing sessions close (clients reopen them).
   */
  /** Sets the {@code shuqiao_hub_crl_next_update_near} gauge (1 while the CRL's nextUpdate is near). */
  public void crlNextUpdateNear(boolean near) {
    metrics.crlNextUpdateNear(near);
  }

  public void trustStoreChanged() {
    authenticator.trustStoreChanged();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long start = System.nanoTime();
    String header = request.getHeader("X-Request-Id");
    String requestId = header != null && REQUEST_ID.matcher(header).matches() ? header : UUID.randomUUID().toString();
    response.setHeader("X-Request-Id", requestId);
    String source = request.getRemoteAddr();
    try {
      authFailures.check(source);
      dispatch(request, response);
    } catch (HubException e) {
      if (e.status() == 401) {
        authFailures.failed(source);
      }
      Problems.write(response, e, requestId);
    } catch (SQLTransientConnectionException e) {
      LOG.warn("request {} failed: database unavailable", requestId);
      Problems.write(response, Problems.unavailable(), requestId);
    } catch (Exception e) {
      LOG.error("request {} failed", requestId, e);
      Problems.write(response, Problems.internal(), requestId);
    } finally {
      metrics.record(response.getStatus(), System.nanoTime() - start);
    }
  }

  private void dispatch(HttpServletRequest request, HttpServletResponse response) throws IOException, SQLException {
    List<String> segments = segments(request.getRequestURI());
    String method = request.getMethod();
    if (segments.equals(List.of("health")) && method.equals("GET")) {
      boolean up = db.healthy();
      text(response, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
      return;
    }
    if (segments.equals(List.of("metrics")) && method.equals("GET")) {
      text(response, 200, "text/plain; version=0.0.4", metrics.render(auditLog.size()));
      return;
    }
    if (segments.size() == 3 && segments.get(0).equals("v1") && segments.get(1).equals("audit") && method.equals("GET")) {
      audit(segments.get(2), response);
      return;
    }
    if (segments.size() == 5 && segments.get(0).equals("v1") && segments.get(1).equals("audit")
        && segments.get(2).equals("logs") && segments.get(4).equals("checkpoint") && method.equals("GET")) {
      // Public, like the hub's own checkpoint: anyone may hold a department to what the hub witnessed.
      String origin = segments.get(3);
      String note = db.inTransaction(c -> witness.latest(c, origin)).orElseThrow(() -> new HubException(404,
          "no-checkpoint", "No witnessed checkpoint", "the hub has witnessed no checkpoint of this audit log"));
      text(response, 200, "text/plain", note);
      return;
    }
    if (segments.isEmpty() || !segments.get(0).equals("v1")) {
      throw new HubException(404, "no-such-endpoint", "No such endpoint", "the API lives under /v1/");
    }
    if (segments.equals(List.of("v1", "sessions"))) {
      if (!method.equals("POST")) {
        throw new HubException(405, "method-not-allowed", "Method not allowed", "use POST /v1/sessions");
      }
      byte[] sessionBody = readBody(request);
      requireContentType(request, sessionBody, false);
      Sessions.Opened opened = authenticator.openSession(request, sessionBody);
      authFailures.succeeded(request.getRemoteAddr());
      var node = Body.JSON.createObjectNode().put("sessionId", opened.id()).put("publicKey", opened.publicKey())
          .put("algorithm", opened.algorithm()).put("expiresAt", opened.expiresAt().toString());
      text(response, 201, "application/json", Body.JSON.writeValueAsString(node));
      return;
    }
    Handler handler = routes.find(method, segments);
    if (handler instanceof Handler.Streaming streaming) {
      streamed(streaming, request, response, segments);
      return;
    }
    byte[] body = readBody(request);
    Caller caller = unauthenticatedCaller != null ? unauthenticatedCaller : authenticator.authenticate(request, body);
    authFailures.succeeded(request.getRemoteAddr());
    requireContentType(request, body, method.equals("POST") || method.equals("PUT")
        ? segments.size() >= 3 && segments.get(1).equals("catalog") && segments.get(2).equals("resources") : false);
    Call call = new Call(caller, segments, Call.parseQuery(request.getQueryString()), body);
    Reply reply;
    if (handler instanceof Handler.Untransacted untransacted) {
      reply = untransacted.handle(call);
    } else {
      reply = method.equals("GET") ? db.inTransaction(c -> handler.handle(c, call)) : idempotency.run(request, call, handler);
    }
    if (method.equals("POST") && segments.size() == 4 && segments.get(1).equals("departments")
        && (segments.get(3).equals("suspend") || segments.get(3).equals("certificate")) && reply.status() == 200) {
      // Sessions opened under the old status or the old key end here at once (elsewhere at the next recheck).
      authenticator.forgetSessions(segments.get(2));
    }
    if (reply.body() == null) {
      response.setStatus(reply.status());
      return;
    }
    text(response, reply.status(), "application/json", Body.JSON.writeValueAsString(reply.body()));
  }

  /**
   * A mailbox chunk or download (docs/bulk.md §2): a {@code PATCH} is authenticated before its body
   * is read, the body then streams to the spool; anything else has no body to speak of.
   */
  private void streamed(Handler.Streaming handler, HttpServletRequest request, HttpServletResponse response,
      List<String> segments) throws IOException, SQLException {
    Caller caller;
    byte[] declared = null;
    if (request.getMethod().equals("PATCH")) {
      if (unauthenticatedCaller != null) {
        caller = unauthenticatedCaller;
      } else {
        Authenticator.Streamed streamed = authenticator.authenticateStreamed(request);
        caller = streamed.caller();
        declared = streamed.declaredSha256();
      }
    } else {
      byte[] body = readBody(request);
      caller = unauthenticatedCaller != null ? unauthenticatedCaller : authenticator.authenticate(request, body);
    }
    authFailures.succeeded(request.getRemoteAddr());
    Call call = new Call(caller, segments, Call.parseQuery(request.getQueryString()), NO_BODY);
    handler.serve(new Handler.Streamed(call, declared, request, response));
  }

  private void audit(String what, HttpServletResponse response) throws IOException, SQLException {
    switch (what) {
      case "checkpoint" -> {
        if (auditLog.size() == 0) {
          throw new HubException(404, "no-checkpoint", "No checkpoint yet", "the audit log is still empty");
        }
        text(response, 200, "text/plain", auditLog.checkpoint(checkpointSigner).note());
      }
      case "verifier-key" -> text(response, 200, "text/plain", checkpointSigner.verifierKey() + "\n");
      case "witness-key" -> text(response, 200, "text/plain", witness.verifierKey() + "\n");
      case "instances" -> {
        var list = Body.JSON.createArrayNode();
        for (InstanceStore.Instance instance : db.inTransaction(instances::list)) {
          list.addObject().put("origin", instance.origin()).put("verifierKey", instance.verifierKey())
              .put("firstSeen", instance.firstSeen().toString()).put("lastSeen", instance.lastSeen().toString())
              .put("self", instance.verifierKey().equals(checkpointSigner.verifierKey()));
        }
        text(response, 200, "application/json", Body.JSON.writeValueAsString(Body.JSON.createObjectNode().set("items", list)));
      }
      default -> throw new HubException(404, "no-such-endpoint", "No such endpoint", "see docs/hub-api.md");
    }
  }

  /**
   * The body, at most {@code maxBodyBytes}. A declared length is read into an array of that length;
   * a body of unknown length (chunked, or none at all, as on a GET) is probed with one byte first, so
   * a bodiless request allocates nothing (reading up to the cap at once allocated 8 KB every time).
   */
  private byte[] readBody(HttpServletRequest request) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw tooLarge(request.getInputStream());
    }
    if (declared == 0) {
      return NO_BODY;
    }
    try (InputStream in = request.getInputStream()) {
      return readBody(in, declared);
    } catch (IOException | RuntimeException e) {
      if (e instanceof HubException hub) {
        throw hub;
      }
      // A client fault at the HTTP level (a bad chunk size, a body shorter than its Content-Length):
      // 400, logged without a stack trace since nothing on the hub is wrong.
      LOG.debug("request body unreadable: {}", e.toString());
      throw new HubException(400, "incomplete-body", "The body could not be read",
          "the body ended early or its chunked framing is malformed");
    }
  }

  private byte[] readBody(InputStream in, long declared) throws IOException {
    if (declared > 0) {
      byte[] body = new byte[(int) declared];
      if (in.readNBytes(body, 0, body.length) != body.length) {
        throw new java.io.EOFException("the body is shorter than its Content-Length");
      }
      return body;
    }
    int first = in.read();
    if (first < 0) {
      return NO_BODY;
    }
    byte[] rest = in.readNBytes(maxBodyBytes);
    if (rest.length + 1 > maxBodyBytes) {
      throw tooLarge(in);
    }
    byte[] body = new byte[rest.length + 1];
    body[0] = (byte) first;
    System.arraycopy(rest, 0, body, 1, rest.length);
    return body;
  }

  /**
   * A body must say what it is: {@code application/json} (UTF-8 if a charset is named), or for a
   * catalog descriptor also {@code application/yaml}. Anything else, or none, is 415.
   */
  static void requireContentType(HttpServletRequest request, byte[] body, boolean yamlAllowed) {
    if (body.length == 0) {
      return;
    }
    String header = request.getContentType();
    String[] parts = header == null ? new String[] {""} : header.split(";");
    String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
    boolean known = type.equals("application/json")
        || yamlAllowed && (type.equals("application/yaml") || type.equals("application/x-yaml") || type.equals("text/yaml"));
    boolean utf8 = true;
    for (int i = 1; i < parts.length; i++) {
      String[] pair = parts[i].trim().split("=", 2);
      if (pair[0].trim().equalsIgnoreCase("charset")) {
        utf8 = pair.length == 2 && pair[1].trim().replace("\"", "").equalsIgnoreCase("utf-8");
      }
    }
    if (!known || !utf8) {
      throw new HubException(415, "unsupported-media-type", "Unsupported Content-Type",
          "send the body as application/json" + (yamlAllowed ? " or application/yaml" : "") + " in UTF-8"
              + (header == null ? " (no Content-Type was given)" : ""));
    }
  }

  /**
   * The 413, after reading and dropping the rest of the body (at most max(limit, 1 MiB) more bytes):
   * a server that closes with unread bytes resets the connection, and the client may lose the answer
   * it was about to read. Beyond that bound Jetty closes the connection after answering.
   */
  private HubException tooLarge(InputStream in) {
    try {
      byte[] buffer = new byte[8192];
      for (long left = Math.max(maxBodyBytes, 1 << 20), n; left >= 0 && (n = in.read(buffer)) >= 0; ) {
        left -= n;
      }
    } catch (IOException e) {
      LOG.debug("oversize body unreadable: {}", e.toString());
    }
    return new HubException(413, "body-too-large", "The body is too large",
        "the hub accepts bodies of at most " + maxBodyBytes + " bytes");
  }

  /** Path segments of the raw URI, each percent-decoded after splitting (so %2F stays inside a segment). */
  static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String raw : rawPath.split("/")) {
      if (!raw.isEmpty()) {
        String segment = Call.decode(raw.replace("+", "%2B"));
        if (segment.length() > 200) {
          throw HubException.badField("path", "a path segment is longer than 200 characters");
        }
        segments.add(segment);
      }
    }
    return segments;
  }

  private static void text(HttpServletResponse response, int status, String type, String text) throws IOException {
    response.setStatus(status);
    response.setContentType(type);
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }
}
