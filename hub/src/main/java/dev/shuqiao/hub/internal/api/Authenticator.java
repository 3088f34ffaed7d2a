package dev.shuqiao.hub.internal.api;

import static dev.shuqiao.hub.internal.api.SignatureInput.unauthorized;

import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.ExpiredSenderException;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.RevokedSenderException;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.crypto.UntrustedSenderException;
import dev.shuqiao.hub.internal.service.Caller;
import dev.shuqiao.hub.internal.service.HubException;
import dev.shuqiao.hub.internal.store.Database;
import dev.shuqiao.hub.internal.store.DepartmentRow;
import dev.shuqiao.hub.internal.store.DepartmentStore;
import dev.shuqiao.hub.internal.store.RequestStore;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Verifies the RFC 9421 signature of a department or administrator request, failing closed: the
 * signature must cover {@code @method}, {@code @path}, {@code @query} and {@code content-digest}
 * and carry {@code created}, {@code nonce} and {@code keyid}; the key id names a registered
 * department (or a configured administrator) whose certificate the city CA vouches for now; the
 * creation time lies within the window; and the nonce was never used before by that key.
 */
final class Authenticator {

  static final List<String> REQUIRED = List.of("@method", "@path", "@query", "content-digest");

  private final Database db;
  private final Supplier<TrustStore> trust;
  private final Map<String, X509Certificate> admins;
  private final Clock clock;
  private final Duration window;
  private final DepartmentStore departments = new DepartmentStore();
  private final RequestStore requests = new RequestStore();
  private final AtomicLong checks = new AtomicLong();
  private final Map<String, Validated> validated = new ConcurrentHashMap<>();
  private static final Duration REVALIDATE = Duration.ofMinutes(1);
  private final Sessions sessions;

  Authenticator(Database db, Supplier<TrustStore> trust, Map<String, X509Certificate> admins, Clock clock,
      Duration window) {
    this.db = db;
    this.trust = trust;
    this.admins = Map.copyOf(admins);
    this.clock = clock;
    this.window = window;
    this.sessions = new Sessions(clock);
  }

  /** The caller of a request and, if it was signed fully (not within a session), its certificate. */
  record Authenticated(Caller caller, Department signer) {}

  Caller authenticate(HttpServletRequest request, byte[] body) throws SQLException {
    return authenticateRequest(request, body).caller();
  }

  /**
   * Opens a signing session for a department whose request was signed with its own key (a
   * session cannot open another session).
   */
  Sessions.Opened openSession(HttpServletRequest request, byte[] body) throws SQLException {
    Authenticated authenticated = authenticateRequest(request, body);
    if (authenticated.signer() == null) {
      throw unauthorized("full-signature-required", "open a session with a request signed by the department's key");
    }
    authenticated.caller().requireDepartment();
    Body json = Body.parse(body);
    return sessions.open(authenticated.caller().code(), encoded(authenticated.signer().certificate()),
        authenticated.signer().keyAlgorithm(),
        authenticated.signer().certificate().getNotAfter().toInstant(), json.text("publicKey", 128));
  }

  /** Forgets every validated certificate and closes this instance's sessions (a new CRL or root). */
  void trustStoreChanged() {
    validated.clear();
    sessions.forgetAll();
  }

  /** Closes the department's sessions on this instance (other instances notice within {@link Sessions#RECHECK}). */
  void forgetSessions(String departmentCode) {
    sessions.forget(departmentCode);
  }

  private Authenticated authenticateRequest(HttpServletRequest request, byte[] body) throws SQLException {
    return authenticateRequest(request, header -> ContentDigest.matches(header, body));
  }

  /** A caller and the signed sha-256 of a body not yet read. */
  record Streamed(Caller caller, byte[] declaredSha256) {}

  /**
   * Authenticates a request whose body is streamed after this returns (a mailbox chunk, docs/bulk.md
   * §2): the signature covers {@code Content-Digest}, whose sha-256 the caller must compare with the
   * body it reads (in constant time) before it keeps a byte of it.
   */
  Streamed authenticateStreamed(HttpServletRequest request) throws SQLException {
    byte[] declared = ContentDigest.parse(request.getHeader("Content-Digest"));
    return new Streamed(authenticateRequest(request, header -> declared != null).caller(), declared);
  }

  private Authenticated authenticateRequest(HttpServletRequest request, java.util.function.Predicate<String> digestMatches)
      throws SQLException {
    SignatureInput input = SignatureInput.parse(request.getHeader("Signature-Input"), request.getHeader("Signature"));
    if (!input.components().containsAll(REQUIRED)) {
      throw unauthorized("signature-incomplete", "the signature must cover " + String.join(", ", REQUIRED));
    }
    String keyId = requireParameter(input, "keyid");
    String nonce = requireParameter(input, "nonce");
    Instant created = created(input);
    if (!digestMatches.test(request.getHeader("Content-Digest"))) {
      throw unauthorized("digest-mismatch", "Content-Digest (sha-256) is missing or does not match the body");
    }
    if (!isNonce(nonce)) {
      throw unauthorized("signature-malformed", "nonce must be 16 to 64 URL-safe characters");
    }
    Instant now = clock.instant();
    checkTime(input, created, now);
    if (keyId.startsWith(Sessions.PREFIX)) {
      return new Authenticated(session(request, input, keyId, nonce, now), null);
    }
    Signer signer = signer(keyId, now);
    byte[] base = SignatureBase.of(input, component -> value(request, component));
    String alg = input.parameter("alg");
    if (alg != null && !alg.equals(signer.department().keyAlgorithm().signatureName())) {
      throw unauthorized("signature-invalid", "alg does not match the key of keyid");
    }
    if (!SignatureAlgorithms.verify(signer.department(), input.signature(), base)) {
      throw unauthorized("signature-invalid", "the signature does not verify with the registered certificate");
    }
    if (!requests.useNonce(db, keyId, nonce, created.plus(window).plus(window))) {
      throw unauthorized("replayed-nonce", "this nonce was already used; sign every request afresh");
    }
    if (checks.incrementAndGet() % 512 == 0) {
      requests.purgeNonces(db, now);
    }
    if (signer.caller() == null) {
      throw suspended();
    }
    return new Authenticated(signer.caller(), signer.department());
  }

  /**
   * A request signed within a session: reads and the exchange channel's posts only (any other change
   * keeps the department's own signature, for non-repudiation). The department's status and certificate are rechecked against the
   * database when the last check is older than {@link Sessions#RECHECK}.
   */
  private Caller session(HttpServletRequest request, SignatureInput input, String keyId, String nonce, Instant now)
      throws SQLException {
    if (!request.getMethod().equals("GET") && !exchangePost(request)) {
      throw unauthorized("full-signature-required", "a change must be signed with the department's key, not a session");
    }
    byte[] base = SignatureBase.of(input, component -> value(request, component));
    Sessions.Session session = sessions.verify(keyId, input.parameter("alg"), input.signature(), base, nonce);
    if (!now.isBefore(session.checkedAt.plus(Sessions.RECHECK))) {
      Optional<DepartmentRow> row = db.inTransaction(c -> departments.find(c, session.departmentCode));
      if (row.isEmpty()) {
        sessions.forget(session);
        throw unauthorized("session-unknown", "the session's department is no longer registered");
      }
      Department current = validateCached(row.get().certificatePem(), session.departmentCode, now);
      if (!java.util.Arrays.equals(encoded(current.certificate()), session.certificate)) {
        sessions.forget(session);
        throw unauthorized("session-unknown", "the department's certificate was replaced; open a new session");
      }
      if (!row.get().active()) {
        sessions.forget(session);
        throw suspended();
      }
      session.checkedAt = now;
    }
    return Caller.department(session.departmentCode);
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("a validated certificate has no DER encoding", e);
    }
  }

  private static final java.util.regex.Pattern EXCHANGE_POSTS = java.util.regex.Pattern.compile(
      "/v1/exchanges(/poll|/[0-9a-fA-F-]{1,64}/reply)?");

  /**
   * The exchange channel's own requests ({@code POST /v1/exchanges}, its poll and reply) may be
   * signed within a session (docs/hub-api.md "Signing sessions"): the query envelope inside carries
   * the consumer's own signature, and the hub-signed ticket binds the clear metadata to it.
   */
  private static boolean exchangePost(HttpServletRequest request) {
    return request.getMethod().equals("POST") && EXCHANGE_POSTS.matcher(request.getRequestURI()).matches();
  }

  private void checkTime(SignatureInput input, Instant created, Instant now) {
    if (Duration.between(created, now).abs().compareTo(window) > 0) {
      throw unauthorized("signature-expired", "created is outside the accepted window of " + window.toSeconds() + " s");
    }
    Optional<String> expires = Optional.ofNullable(input.parameter("expires"));
    if (expires.isPresent() && epochSeconds("expires", expires.get()).isBefore(now)) {
      throw unauthorized("signature-expired", "the signature has expired");
    }
  }

  private record Signer(Department department, Caller caller) {}

  private Signer signer(String keyId, Instant now) throws SQLException {
    X509Certificate admin = admins.get(keyId);
    if (admin != null) {
      return new Signer(validate(admin, keyId, now), Caller.admin(keyId));
    }
    Optional<DepartmentRow> row = db.inTransaction(c -> departments.find(c, keyId));
    if (row.isEmpty()) {
      throw unauthorized("unknown-key", "keyid names no registered department");
    }
    Department department = validateCached(row.get().certificatePem(), keyId, now);
    if (!row.get().active()) {
      // Checked after the certificate so that an unsigned request learns nothing about suspension.
      return new Signer(department, null);
    }
    return new Signer(department, Caller.department(keyId));
  }

  /**
   * Full trust-store validation at most once a minute per certificate; in between only the
   * certificate's own validity period is checked. A replaced trust store (a reloaded CRL) voids
   * the cache at once; otherwise the minute bounds how late a CRL's own expiry is noticed.
   */
  private Department validateCached(String pem, String keyId, Instant now) {
    Validated cached = validated.get(pem);
    TrustStore store = trust.get();
    if (cached != null && cached.store() == store && cached.keyId().equals(keyId) && now.isBefore(cached.at().plus(REVALIDATE))
        && !now.isBefore(cached.department().certificate().getNotBefore().toInstant())
        && now.isBefore(cached.department().certificate().getNotAfter().toInstant())) {
      return cached.department();
    }
    Department department = validate(Pem.certificate(pem), keyId, now);
    if (validated.size() > 10_000) {
      validated.clear();
    }
    validated.put(pem, new Validated(department, keyId, now, store));
    return department;
  }

  private record Validated(Department department, String keyId, Instant at, TrustStore store) {}

  private Department validate(X509Certificate certificate, String keyId, Instant now) {
    Department department;
    try {
      department = trust.get().validate(certificate, now);
    } catch (ExpiredSenderException e) {
      throw unauthorized("certificate-expired", "the certificate of keyid is outside its validity period");
    } catch (RevokedSenderException e) {
      throw unauthorized("certificate-revoked", "the certificate of keyid is revoked");
    } catch (UntrustedSenderException e) {
      throw unauthorized("certificate-untrusted", "the city CA does not vouch for the certificate of keyid");
    }
    if (!department.creditCode().toString().equals(keyId)) {
      throw unauthorized("certificate-untrusted", "the certificate of keyid names another department");
    }
    return department;
  }

  private static String value(HttpServletRequest request, String component) {
    switch (component) {
      case "@method":
        return request.getMethod();
      case "@path":
        return request.getRequestURI();
      case "@query":
        return request.getQueryString() == null ? "?" : "?" + request.getQueryString();
      default:
        if (!isHeaderName(component)) {
          throw unauthorized("signature-malformed", "unsupported covered component " + component);
        }
        String header = request.getHeader(component);
        if (header == null) {
          throw unauthorized("signature-malformed", "covered header " + component + " is absent");
        }
        return header.strip();
    }
  }

  /** A header name the hub reads for a signature: 1 to 64 of {@code [a-z0-9-]}. */
  static boolean isHeaderName(String name) {
    if (name.isEmpty() || name.length() > 64) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** 16 to 64 URL-safe base64 characters ({@code [A-Za-z0-9_-]}). */
  static boolean isNonce(String nonce) {
    if (nonce.length() < 16 || nonce.length() > 64) {
      return false;
    }
    for (int i = 0; i < nonce.length(); i++) {
      char c = nonce.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static String requireParameter(SignatureInput input, String name) {
    String value = input.parameter(name);
    if (value == null || value.isEmpty()) {
      throw unauthorized("signature-incomplete", "the signature needs the parameter " + name);
    }
    return value;
  }

  private static Instant created(SignatureInput input) {
    return epochSeconds("created", requireParameter(input, "created"));
  }

  /** {@code created} and {@code expires}: 1 to 15 ASCII digits (a quoted or signed value is malformed, not a 500). */
  private static Instant epochSeconds(String name, String value) {
    boolean digits = !value.isEmpty() && value.length() <= 15;
    for (int i = 0; digits && i < value.length(); i++) {
      digits = value.charAt(i) >= '0' && value.charAt(i) <= '9';
    }
    if (!digits) {
      throw unauthorized("signature-malformed", name + " must be an integer (seconds since the epoch)");
    }
    return Instant.ofEpochSecond(Long.parseLong(value));
  }

  static HubException suspended() {
    return HubException.forbidden("department-suspended", "the department is suspended");
  }
}
