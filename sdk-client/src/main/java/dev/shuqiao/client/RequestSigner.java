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
 * when present, with {@code created}, a fresh random {@code nonce}, {@code keyid} (the department's
 * credit code) and {@code alg}. The key stays inside the {@link DepartmentIdentity}, which signs.
 */
final class RequestSigner {

  private final DepartmentIdentity identity;
  private final KeyAlgorithm algorithm;
  private final String keyId;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  RequestSigner(DepartmentIdentity identity, Clock clock) {
    this.identity = identity;
    this.algorithm = identity.keyAlgorithm();
    this.keyId = identity.department().creditCode().toString();
    this.clock = clock;
  }

  String keyId() {
    return keyId;
  }

  Request sign(Request request) throws IOException {
    byte[] body = bodyBytes(request.body());
    String digest = "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":";
    StringBuilder components = new StringBuilder("\"@method\" \"@path\" \"@query\" \"content-digest\"");
    String idempotencyKey = request.header("Idempotency-Key");
    if (idempotencyKey != null) {
      components.append(" \"idempotency-key\"");
    }
    byte[] nonceBytes = new byte[18];
    random.nextBytes(nonceBytes);
    String params = "(" + components + ");created=" + clock.instant().getEpochSecond()
        + ";nonce=\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes) + "\""
        + ";keyid=\"" + keyId + "\";alg=\"" + algorithmName(algorithm) + "\"";
    String query = request.url().encodedQuery();
    StringBuilder base = new StringBuilder()
        .append("\"@method\": ").append(request.method()).append('\n')
        .append("\"@path\": ").append(request.url().encodedPath()).append('\n')
        .append("\"@query\": ?").append(query == null ? "" : query).append('\n')
        .append("\"content-digest\": ").append(digest).append('\n');
    if (idempotencyKey != null) {
      base.append("\"idempotency-key\": ").append(idempotencyKey.strip()).append('\n');
    }
    base.append("\"@signature-params\": ").append(params);
    byte[] signature = identity.sign(base.toString().getBytes(StandardCharsets.UTF_8));
    return request.newBuilder()
        .header("Content-Digest", digest)
        .header("Signature-Input", "sig1=" + params)
        .header("Signature", "sig1=:" + Base64.getEncoder().encodeToString(signature) + ":")
        .build();
  }

  static String algorithmName(KeyAlgorithm algorithm) {
    return switch (algorithm) {
      case SM2 -> "sm2-sm3";
      case ED25519 -> "ed25519";
      case ECDSA_P256 -> "ecdsa-p256-sha256";
    };
  }

  private static byte[] bodyBytes(RequestBody body) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return buffer.readByteArray();
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }
}
