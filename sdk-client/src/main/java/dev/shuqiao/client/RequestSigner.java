package dev.shuqiao.client;

import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * Signs a request with RFC 9421 HTTP Message Signatures: covers {@code @method}, {@code @path},
 * {@code @query}, {@code content-digest} (RFC 9530 sha-256, added here) and {@code idempotency-key}
 * when present, with {@code created}, a {@code nonce} (fresh random bytes, or within a signing
 * session the session's request counter), {@code keyid} (the department's
 * credit code) and {@code alg}. The key stays inside the {@link DepartmentIdentity}, which signs.
 */
final class RequestSigner {

  /** The one signature's label in {@code Signature-Input} and {@code Signature}. */
  private static final String LABEL = "sig1=";
  /** The Content-Digest of an empty body, which every GET carries. */
  private static final byte[] NO_BODY = new byte[0];
  private static final String EMPTY_DIGEST = digestHeader(NO_BODY);

  private final DepartmentIdentity identity;
  private final KeyAlgorithm algorithm;
  private final String keyId;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private volatile SigningSession session;

  RequestSigner(DepartmentIdentity identity, Clock clock) {
    this.identity = identity;
    this.algorithm = identity.keyAlgorithm();
    this.keyId = identity.department().creditCode().toString();
    this.clock = clock;
  }

  String keyId() {
    return keyId;
  }

  /** True if a read would be signed within a session now (one that outlives the next half minute). */
  boolean hasSession() {
    SigningSession current = session;
    return current != null && clock.instant().plusSeconds(30).isBefore(current.expiresAt);
  }

  /** A new handshake for this department's session algorithm. */
  SigningSession.Handshake handshake() {
    return new SigningSession.Handshake(algorithm);
  }

  /** Completes a handshake with the hub's answer; from now on reads are signed within the session. */
  void useSession(SigningSession.Handshake handshake, com.fasterxml.jackson.databind.JsonNode answer) {
    try {
      session = handshake.complete(answer, keyId);
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw new IllegalStateException("the hub's session answer is unusable", e);
    }
  }

  SigningSession session() {
    return session;
  }

  /** Forgets the session (the hub no longer knows it); reads are signed with the key until the next handshake. */
  void dropSession() {
    session = null;
  }

  /**
   * Signs within the session for a read ({@code GET}) or an exchange post ({@link SessionAllowed})
   * when one is open, else with the department's key; any other change carries the department's own
   * signature (non-repudiation).
   */
  Request sign(Request request) throws IOException {
    boolean full = request.tag(FullSignature.class) != null;
    boolean allowed = request.method().equals("GET") || request.tag(SessionAllowed.class) != null;
    SigningSession current = !full && allowed && hasSession() ? session : null;
    return sign(request, current);
  }

  /**
   * A request tag: this change may be signed within the session (the exchange channel's posts,
   * docs/hub-api.md "Signing sessions"; the envelope inside carries the department's signature).
   */
  enum SessionAllowed { EXCHANGE }

  /**
   * A request tag for a body too large to hold in memory (a mailbox chunk, docs/bulk.md §2): its
   * {@code Content-Digest} was computed by the sender from the same bytes, so the signer does not
   * read the body; the hub compares the digest with the body it receives.
   */
  record StreamedBody(String contentDigest) {
    static StreamedBody ofSha256(byte[] sha256) {
      return new StreamedBody("sha-256=:" + Base64.getEncoder().encodeToString(sha256) + ":");
    }
  }

  /** A request tag: sign this request with the department's key even if a session is open. */
  enum FullSignature { REQUIRED }

  /** Signs within {@code current}, or with the department's key if it is null (tests force either). */
  Request sign(Request request, SigningSession current) throws IOException {
    return sign(request, current, current == null ? randomNonce() : current.nextNonce());
  }

  /** Signs with a given nonce (tests send reused, stale or malformed ones). */
  Request sign(Request request, SigningSession current, String nonce) throws IOException {
    StreamedBody streamed = request.tag(StreamedBody.class);
    String digest;
    if (streamed != null) {
      digest = streamed.contentDigest();
    } else {
      byte[] body = bodyBytes(request.body());
      digest = body.length == 0 ? EMPTY_DIGEST : digestHeader(body);
    }
    String idempotencyKey = request.header("Idempotency-Key");
    String input = signatureInput(idempotencyKey != null, nonce, current);
    String query = request.url().encodedQuery();
    StringBuilder text = new StringBuilder(320)
        .append("\"@method\": ").append(request.method()).append('\n')
        .append("\"@path\": ").append(request.url().encodedPath()).append('\n')
        .append("\"@query\": ?").append(query == null ? "" : query).append('\n')
        .append("\"content-digest\": ").append(digest).append('\n');
    if (idempotencyKey != null) {
      text.append("\"idempotency-key\": ").append(idempotencyKey.strip()).append('\n');
    }
    byte[] base = bytes(text.append("\"@signature-params\": ").append(input, LABEL.length(), input.length()));
    byte[] signature = current == null ? identity.sign(base) : current.mac(base);
    return request.newBuilder()
        .header("Content-Digest", digest)
        .header("Signature-Input", input)
        .header("Signature", LABEL + ":" + Base64.getEncoder().encodeToString(signature) + ":")
        .build();
  }

  /** {@code sig1=} and the covered components with their parameters (after the label: {@code @signature-params}). */
  private String signatureInput(boolean idempotencyKey, String nonce, SigningSession current) {
    return new StringBuilder(200).append(LABEL).append("(\"@method\" \"@path\" \"@query\" \"content-digest\"")
        .append(idempotencyKey ? " \"idempotency-key\")" : ")")
        .append(";created=").append(clock.instant().getEpochSecond())
        .append(";nonce=\"").append(nonce)
        .append("\";keyid=\"").append(current == null ? keyId : current.id)
        .append("\";alg=\"").append(current == null ? algorithm.signatureName() : current.algorithm).append('"')
        .toString();
  }

  /**
   * The signature base in UTF-8, read from the builder without a String in between when it is ASCII,
   * as it always is through OkHttp (encoded URLs, and header values it checked).
   */
  private static byte[] bytes(StringBuilder text) {
    byte[] bytes = new byte[text.length()];
    for (int i = 0; i < bytes.length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
      }
      bytes[i] = (byte) c;
    }
    return bytes;
  }

  /** A fresh random nonce for a request signed with the department's key (the hub stores it once). */
  private String randomNonce() {
    byte[] nonceBytes = new byte[18];
    random.nextBytes(nonceBytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
  }

  private static byte[] bodyBytes(RequestBody body) throws IOException {
    if (body == null) {
      return NO_BODY;
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return buffer.readByteArray();
  }

  /** RFC 9530 {@code Content-Digest} with sha-256. */
  private static String digestHeader(byte[] body) {
    return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":";
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }
}
