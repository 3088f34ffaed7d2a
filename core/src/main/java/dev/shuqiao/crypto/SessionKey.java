package dev.shuqiao.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of a hub signing session (docs/hub-api.md, "Signing sessions"), agreed by a department
 * and a hub instance with ephemeral X25519 keys and derived with HKDF (RFC 5869) over the session's
 * own HMAC: salt = the session id; info binds the protocol version, the department, the MAC
 * algorithm and both public keys, so a key cannot be moved to another context. Requests are then
 * authenticated with HMAC-SM3 (SM2 departments) or HMAC-SHA256 (the others). The key never leaves
 * this object.
 *
 * <pre>{@code
 * SessionKey.Exchange mine = new SessionKey.Exchange();          // send mine.publicKey()
 * SessionKey key = mine.agreeAsClient(hubPublicKey, sessionId, departmentCode, algorithm);
 * byte[] tag = key.mac(signatureBase);
 * }</pre>
 */
public final class SessionKey {

  /** The wire name of the MAC for SM2 departments. */
  public static final String HMAC_SM3 = "hmac-sm3";
  /** The wire name of the MAC for Ed25519 and P-256 departments. */
  public static final String HMAC_SHA256 = "hmac-sha256";
  /** Length of a raw X25519 public key. */
  public static final int PUBLIC_KEY_BYTES = 32;

  private static final byte[] X25519_SPKI_PREFIX = Base64.getDecoder().decode("MCowBQYDK2VuAyEA");

  private final String algorithm;
  private final SecretKeySpec key;

  private SessionKey(String algorithm, SecretKeySpec key) {
    this.algorithm = algorithm;
    this.key = key;
  }

  /** The MAC a department with keys of {@code type} authenticates its session requests with. */
  public static String algorithmFor(KeyAlgorithm type) {
    return type == KeyAlgorithm.SM2 ? HMAC_SM3 : HMAC_SHA256;
  }

  /** Whether {@code name} is the wire name of a session MAC. */
  public static boolean isAlgorithm(String name) {
    return HMAC_SM3.equals(name) || HMAC_SHA256.equals(name);
  }

  /** {@link #HMAC_SM3} or {@link #HMAC_SHA256}. */
  public String algorithm() {
    return algorithm;
  }

  /** The MAC of {@code data} under this key. */
  public byte[] mac(byte[] data) {
    try {
      Mac mac = Mac.getInstance(key.getAlgorithm(), Providers.BC);
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC is unavailable", e);
    }
  }

  /** Whether {@code tag} is the MAC of {@code data}, compared in constant time. */
  public boolean verify(byte[] tag, byte[] data) {
    return MessageDigest.isEqual(mac(data), tag);
  }

  /** One side's ephemeral X25519 key pair; use it for one agreement only. */
  public static final class Exchange {
    private final KeyPair pair;

    public Exchange() {
      try {
        pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("every Java 17 runtime has X25519", e);
      }
    }

    /** Tests only: a known key pair. */
    Exchange(KeyPair pair) {
      this.pair = pair;
    }

    /** This side's raw X25519 public key ({@value #PUBLIC_KEY_BYTES} bytes). */
    public byte[] publicKey() {
      byte[] spki = pair.getPublic().getEncoded();
      return Arrays.copyOfRange(spki, spki.length - PUBLIC_KEY_BYTES, spki.length);
    }

    /**
     * The department's side: the key for session {@code sessionId} with the hub's public key.
     *
     * @throws IllegalArgumentException if {@code algorithm} is not a session MAC, or the hub's key is
     *     not a usable X25519 public key
     */
    public SessionKey agreeAsClient(byte[] hubPublicKey, String sessionId, String departmentCode, String algorithm) {
      return agree(hubPublicKey, publicKey(), hubPublicKey, sessionId, departmentCode, algorithm);
    }

    /**
     * The hub's side: the key for session {@code sessionId} with the department's public key.
     *
     * @throws IllegalArgumentException if {@code algorithm} is not a session MAC, or the department's
     *     key is not a usable X25519 public key (wrong length, or low order)
     */
    public SessionKey agreeAsHub(byte[] clientPublicKey, String sessionId, String departmentCode, String algorithm) {
      return agree(clientPublicKey, clientPublicKey, publicKey(), sessionId, departmentCode, algorithm);
    }

    private SessionKey agree(byte[] peer, byte[] clientKey, byte[] hubKey, String sessionId, String departmentCode,
        String algorithm) {
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(departmentCode, "departmentCode");
      if (!isAlgorithm(algorithm)) {
        throw new IllegalArgumentException("not a session MAC: " + algorithm);
      }
      if (peer == null || peer.length != PUBLIC_KEY_BYTES) {
        throw new IllegalArgumentException("an X25519 public key has " + PUBLIC_KEY_BYTES + " bytes");
      }
      byte[] secret = null;
      byte[] okm = null;
      try {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(pair.getPrivate());
        agreement.doPhase(x25519(peer), true);
        secret = agreement.generateSecret();
        okm = derive(secret, sessionId, departmentCode, algorithm, clientKey, hubKey);
        return new SessionKey(algorithm, new SecretKeySpec(okm, macName(algorithm)));
      } catch (GeneralSecurityException e) {
        // Only a degenerate (low-order) public key makes X25519 fail here.
        throw new IllegalArgumentException("not a usable X25519 public key", e);
      } finally {
        if (secret != null) {
          Arrays.fill(secret, (byte) 0);
        }
        if (okm != null) {
          Arrays.fill(okm, (byte) 0);
        }
      }
    }
  }

  private static String macName(String algorithm) {
    return algorithm.equals(HMAC_SM3) ? "HMACSM3" : "HMACSHA256";
  }

  /** HKDF extract and the first expand block (32 bytes for both SM3 and SHA-256). */
  private static byte[] derive(byte[] secret, String sessionId, String departmentCode, String algorithm,
      byte[] clientKey, byte[] hubKey) throws GeneralSecurityException {
    String name = macName(algorithm);
    Mac mac = Mac.getInstance(name, Providers.BC);
    mac.init(new SecretKeySpec(sessionId.getBytes(StandardCharsets.US_ASCII), name));
    byte[] prk = mac.doFinal(secret);
    mac.init(new SecretKeySpec(prk, name));
    mac.update(("shuqiao-hub-session-v1\n" + departmentCode + "\n" + algorithm + "\n").getBytes(StandardCharsets.US_ASCII));
    mac.update(clientKey);
    mac.update(hubKey);
    mac.update((byte) 1);
    byte[] okm = mac.doFinal();
    Arrays.fill(prk, (byte) 0);
    return okm;
  }

  private static PublicKey x25519(byte[] raw) throws GeneralSecurityException {
    byte[] spki = Arrays.copyOf(X25519_SPKI_PREFIX, X25519_SPKI_PREFIX.length + raw.length);
    System.arraycopy(raw, 0, spki, X25519_SPKI_PREFIX.length, raw.length);
    return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(spki));
  }
}
