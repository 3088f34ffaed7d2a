package dev.shuqiao.hub.internal.api;

import static dev.shuqiao.hub.internal.api.SignatureInput.unauthorized;

import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.SessionKey;
import dev.shuqiao.hub.internal.service.HubException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing sessions, kept in this hub instance's memory only (the key is never stored or sent).
 * A department opens one with a fully signed {@code POST /v1/sessions} carrying an ephemeral
 * public key (on the SM2 curve for SM2 departments, X25519 otherwise); both sides derive the
 * session key with HKDF from the agreed secret ({@link SessionKey}), and the
 * department then signs reads with HMAC (HMAC-SM3 for SM2 departments, HMAC-SHA256 otherwise)
 * under {@code keyid="s-..."}. The department's signature covers its public key, so nobody who
 * lacks its ephemeral private key can learn the key the hub holds. A session request's nonce is
 * the session's request counter, kept single-use by a fixed-size {@link ReplayWindow}.
 *
 * <p>Wire: see docs/hub-api.md, "Signing sessions".
 */
final class Sessions {

  static final String PREFIX = "s-";
  static final Duration LIFETIME = Duration.ofMinutes(10);
  /** How stale the department's status and certificate may be before a session request rechecks them. */
  static final Duration RECHECK = Duration.ofSeconds(5);
  /**
   * Memory bounds: sessions per department (opening one more closes its oldest) and sessions in
   * all. A session's replay protection is a fixed-size {@link ReplayWindow}.
   */
  static final int MAX_SESSIONS_PER_DEPARTMENT = 4;
  static final int MAX_SESSIONS = 2_000;

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  Sessions(Clock clock) {
    this.clock = clock;
  }

  /** An open session: the department it speaks for, its key, and the nonces it has used. */
  static final class Session {
    final String id;
    final String departmentCode;
    /** The DER certificate whose key opened the session: a rotation away from it ends the session. */
    final byte[] certificate;
    final SessionKey key;
    final Instant expiresAt;
    final ReplayWindow counters = new ReplayWindow();
    volatile Instant checkedAt;

    Session(String id, String departmentCode, byte[] certificate, SessionKey key, Instant expiresAt, Instant checkedAt) {
      this.id = id;
      this.departmentCode = departmentCode;
      this.certificate = certificate;
      this.key = key;
      this.expiresAt = expiresAt;
      this.checkedAt = checkedAt;
    }
  }

  /** What the department receives: the session id, the hub's public key and the MAC algorithm. */
  record Opened(String id, String publicKey, String algorithm, Instant expiresAt) {}

  /** Opens a session for an authenticated department; {@code notAfter} is its certificate's end (DER {@code certificate}). */
  Opened open(String departmentCode, byte[] certificate, KeyAlgorithm keyAlgorithm, Instant notAfter,
      String clientPublicKey) {
    String algorithm = SessionKey.algorithmFor(keyAlgorithm);
    byte[] clientRaw = decodeKey(clientPublicKey, algorithm);
    Instant now = clock.instant();
    List<Session> own = sessions.values().stream().filter(x -> x.departmentCode.equals(departmentCode))
        .sorted(java.util.Comparator.comparing(x -> x.expiresAt)).toList();
    for (int i = 0; i <= own.size() - MAX_SESSIONS_PER_DEPARTMENT; i++) {
      sessions.remove(own.get(i).id);
    }
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(s -> !now.isBefore(s.expiresAt));
      if (sessions.size() >= MAX_SESSIONS) {
        throw new HubException(503, "sessions-exhausted", "Too many signing sessions",
            "the hub holds " + MAX_SESSIONS + " sessions; sign requests fully or retry later");
      }
    }
    byte[] idBytes = new byte[18];
    random.nextBytes(idBytes);
    String id = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
    SessionKey.Exchange hub = new SessionKey.Exchange(algorithm);
    SessionKey key;
    try {
      key = hub.agreeAsHub(clientRaw, id, departmentCode);
    } catch (IllegalArgumentException e) {
      throw HubException.unprocessable("bad-public-key", "publicKey is not a usable " + keyName(algorithm), "publicKey");
    }
    Instant expiresAt = now.plus(LIFETIME).isBefore(notAfter) ? now.plus(LIFETIME) : notAfter;
    sessions.put(id, new Session(id, departmentCode, certificate, key, expiresAt, now));
    return new Opened(id, Base64.getEncoder().encodeToString(hub.publicKey()), algorithm, expiresAt);
  }

  /**
   * The session of a session-signed request, after checking its MAC (constant time), its alg and
   * its nonce (the session's request counter, single use). Fails closed with 401 on anything unknown.
   */
  Session verify(String id, String alg, byte[] mac, byte[] base, String nonce) {
    Session session = sessions.get(id);
    Instant now = clock.instant();
    if (session == null || !now.isBefore(session.expiresAt)) {
      if (session != null) {
        sessions.remove(id);
      }
      throw unauthorized("session-unknown", "no open signing session has this keyid here; open one with POST /v1/sessions");
    }
    if (alg != null && !alg.equals(session.key.algorithm())) {
      throw unauthorized("signature-invalid", "alg does not match the session");
    }
    if (!session.key.verify(mac, base)) {
      throw unauthorized("signature-invalid", "the session MAC does not verify");
    }
    if (!isCounter(nonce)) {
      throw unauthorized("signature-malformed", "within a session the nonce is the session's request counter,"
          + " 16 decimal digits");
    }
    if (!session.counters.accept(Long.parseLong(nonce))) {
      throw unauthorized("replayed-nonce", "this request counter was already used, or is more than "
          + ReplayWindow.WIDTH + " behind the session's latest; sign every request afresh");
    }
    return session;
  }

  /** A session request's nonce is its request counter: exactly 16 decimal digits. */
  private static boolean isCounter(String nonce) {
    if (nonce.length() != 16) {
      return false;
    }
    for (int i = 0; i < 16; i++) {
      if (nonce.charAt(i) < '0' || nonce.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Closes every session of a department (suspension, a new certificate). */
  void forget(String departmentCode) {
    for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
      if (it.next().departmentCode.equals(departmentCode)) {
        it.remove();
      }
    }
  }

  void forgetAll() {
    sessions.clear();
  }

  void forget(Session session) {
    sessions.remove(session.id);
  }

  int size() {
    return sessions.size();
  }

  private static byte[] decodeKey(String base64, String algorithm) {
    byte[] raw;
    try {
      raw = base64 == null ? null : Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      raw = null;
    }
    int length = SessionKey.publicKeyBytes(algorithm);
    if (raw == null || raw.length != length) {
      throw HubException.unprocessable("bad-public-key", "publicKey must be a base64 " + keyName(algorithm) + " ("
          + length + " bytes)", "publicKey");
    }
    return raw;
  }

  /** What the department's exchange key is, in words for a problem detail. */
  private static String keyName(String algorithm) {
    return algorithm.equals(SessionKey.HMAC_SM3) ? "uncompressed SM2-curve point" : "X25519 public key";
  }
}
