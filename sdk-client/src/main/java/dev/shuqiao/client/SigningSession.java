package dev.shuqiao.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A signing session with one hub instance (docs/hub-api.md, "Signing sessions"): the HMAC key
 * both sides derive from an X25519 exchange whose client half the department's own signature
 * covers. Holds the key in memory only; {@link #mac} signs a signature base.
 */
final class SigningSession {

  private static final byte[] X25519_SPKI_PREFIX = Base64.getDecoder().decode("MCowBQYDK2VuAyEA");

  final String id;
  final String algorithm;
  final Instant expiresAt;
  private final SecretKeySpec key;
  private final Provider provider;

  private SigningSession(String id, String algorithm, Instant expiresAt, SecretKeySpec key, Provider provider) {
    this.id = id;
    this.algorithm = algorithm;
    this.expiresAt = expiresAt;
    this.key = key;
    this.provider = provider;
  }

  /** The client's half of a handshake: an ephemeral X25519 key pair. */
  static final class Handshake {
    private final KeyPair pair;

    Handshake() {
      try {
        pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("every Java 17 runtime has X25519", e);
      }
    }

    /** The body of {@code POST /v1/sessions}. */
    byte[] body() {
      return Codec.bytes(Map.of("publicKey", Base64.getEncoder().encodeToString(raw(pair.getPublic()))));
    }

    /** The session from the hub's answer, for the department {@code keyId}. */
    SigningSession complete(JsonNode answer, String keyId, Provider provider) throws GeneralSecurityException {
      String id = answer.path("sessionId").asText("");
      String algorithm = answer.path("algorithm").asText("");
      byte[] hubKey = Base64.getDecoder().decode(answer.path("publicKey").asText(""));
      if (!id.startsWith("s-") || hubKey.length != 32 || !(algorithm.equals("hmac-sm3") || algorithm.equals("hmac-sha256"))) {
        throw new GeneralSecurityException("the hub's session answer is malformed");
      }
      KeyAgreement agreement = KeyAgreement.getInstance("X25519");
      agreement.init(pair.getPrivate());
      agreement.doPhase(publicKey(hubKey), true);
      byte[] secret = agreement.generateSecret();
      byte[] key = derive(secret, id, keyId, algorithm, raw(pair.getPublic()), hubKey, provider);
      Arrays.fill(secret, (byte) 0);
      SecretKeySpec spec = new SecretKeySpec(key, macName(algorithm));
      Arrays.fill(key, (byte) 0);
      return new SigningSession(id, algorithm, Instant.parse(answer.path("expiresAt").asText()), spec, provider);
    }
  }

  byte[] mac(byte[] base) {
    try {
      Mac mac = Mac.getInstance(key.getAlgorithm(), provider);
      mac.init(key);
      return mac.doFinal(base);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC is unavailable", e);
    }
  }

  private static String macName(String algorithm) {
    return algorithm.equals("hmac-sm3") ? "HMACSM3" : "HMACSHA256";
  }

  /** HKDF (RFC 5869) exactly as the hub computes it: salt = session id; info binds department, alg and both keys. */
  private static byte[] derive(byte[] secret, String id, String keyId, String algorithm, byte[] clientKey, byte[] hubKey,
      Provider provider) throws GeneralSecurityException {
    String name = macName(algorithm);
    Mac mac = Mac.getInstance(name, provider);
    mac.init(new SecretKeySpec(id.getBytes(StandardCharsets.US_ASCII), name));
    byte[] prk = mac.doFinal(secret);
    mac.init(new SecretKeySpec(prk, name));
    mac.update(("shuqiao-hub-session-v1\n" + keyId + "\n" + algorithm + "\n").getBytes(StandardCharsets.US_ASCII));
    mac.update(clientKey);
    mac.update(hubKey);
    mac.update((byte) 1);
    byte[] okm = mac.doFinal();
    Arrays.fill(prk, (byte) 0);
    return okm;
  }

  private static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    byte[] spki = Arrays.copyOf(X25519_SPKI_PREFIX, X25519_SPKI_PREFIX.length + raw.length);
    System.arraycopy(raw, 0, spki, X25519_SPKI_PREFIX.length, raw.length);
    return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(spki));
  }

  private static byte[] raw(PublicKey key) {
    byte[] spki = key.getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }
}
