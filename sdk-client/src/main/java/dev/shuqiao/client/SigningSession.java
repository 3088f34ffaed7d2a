package dev.shuqiao.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.SessionKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A signing session with one hub instance (docs/hub-api.md, "Signing sessions"): the HMAC key
 * both sides derive from an ephemeral key exchange (SM2 curve for SM2 departments, X25519
 * otherwise) whose client half the department's own signature covers (core's {@link SessionKey}). Holds the key in memory only; {@link #mac} signs a signature base.
 */
final class SigningSession {

  final String id;
  final String algorithm;
  final Instant expiresAt;
  private final SessionKey key;
  private final java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();

  private SigningSession(String id, Instant expiresAt, SessionKey key) {
    this.id = id;
    this.algorithm = key.algorithm();
    this.expiresAt = expiresAt;
    this.key = key;
  }

  /** The client's half of a handshake: an ephemeral key pair for the department's session algorithm. */
  static final class Handshake {
    private final SessionKey.Exchange exchange;

    Handshake(KeyAlgorithm departmentKeys) {
      this.exchange = new SessionKey.Exchange(SessionKey.algorithmFor(departmentKeys));
    }

    /** The body of {@code POST /v1/sessions}. */
    byte[] body() {
      return Codec.bytes(Map.of("publicKey", Base64.getEncoder().encodeToString(exchange.publicKey())));
    }

    /**
     * The session from the hub's answer, for the department {@code keyId}.
     *
     * @throws IllegalArgumentException if the answer is malformed
     */
    SigningSession complete(JsonNode answer, String keyId) {
      String id = answer.path("sessionId").asText("");
      if (!id.startsWith("s-") || !exchange.algorithm().equals(answer.path("algorithm").asText(""))) {
        throw new IllegalArgumentException("the hub's session answer is malformed");
      }
      byte[] hubKey = Base64.getDecoder().decode(answer.path("publicKey").asText(""));
      SessionKey key = exchange.agreeAsClient(hubKey, id, keyId);
      return new SigningSession(id, Instant.parse(answer.path("expiresAt").asText()), key);
    }
  }

  /**
   * The nonce of the next request in this session: its request counter, 16 decimal digits from
   * {@code 0000000000000001} (the hub accepts each once, within a window of the latest 1,024).
   */
  String nextNonce() {
    String digits = Long.toString(counter.incrementAndGet());
    return "0".repeat(16 - digits.length()) + digits;
  }

  byte[] mac(byte[] base) {
    return key.mac(base);
  }
}
