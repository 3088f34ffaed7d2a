package dev.shuqiao.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * The key of a hub signing session (docs/hub-api.md, "Signing sessions"), agreed by a department
 * and a hub instance with ephemeral keys and derived with HKDF (RFC 5869) over the session's own
 * HMAC: salt = the session id; info binds the protocol version, the department, the MAC algorithm
 * and both public keys, so a key cannot be moved to another context. The department's key type
 * picks everything, so a GM-only city uses SM2 and SM3 alone:
 *
 * <ul>
 *   <li>SM2 departments: ECDH with ephemeral keys on the SM2 curve (sm2p256v1, GB/T 32918.1
 *       parameters; the secret is the x coordinate), HKDF and HMAC with SM3 ({@link #HMAC_SM3});
 *   <li>Ed25519 and P-256 departments: X25519, HKDF and HMAC with SHA-256 ({@link #HMAC_SHA256}).
 * </ul>
 *
 * <p>The key never leaves this object.
 *
 * <pre>{@code
 * String algorithm = SessionKey.algorithmFor(identity.keyAlgorithm());
 * SessionKey.Exchange mine = new SessionKey.Exchange(algorithm);    // send mine.publicKey()
 * SessionKey key = mine.agreeAsClient(hubPublicKey, sessionId, departmentCode);
 * byte[] tag = key.mac(signatureBase);
 * }</pre>
 */
public final class SessionKey {

  /** The wire name of the MAC for SM2 departments (exchange on the SM2 curve). */
  public static final String HMAC_SM3 = "hmac-sm3";
  /** The wire name of the MAC for Ed25519 and P-256 departments (exchange with X25519). */
  public static final String HMAC_SHA256 = "hmac-sha256";

  private static final int X25519_BYTES = 32;
  /** An uncompressed SM2 point: 0x04, x, y. */
  private static final int SM2_POINT_BYTES = 65;
  private static final byte[] X25519_SPKI_PREFIX = Base64.getDecoder().decode("MCowBQYDK2VuAyEA");

  private final String algorithm;
  /** HMAC-SM3 tags: keyed once; {@code doFinal} returns it to the keyed state. Guarded by itself. Null for SHA-256. */
  private final HMac sm3;
  /** HMAC-SHA256 tags, the same way. Null for SM3. */
  private final Mac sha256;

  /**
   * Tags are made by Bouncy Castle's HMAC for SM3 and by the JDK's for SHA-256, whose SHA-256 is a
   * HotSpot intrinsic on the processor's SHA instructions: over a signature base of about 300
   * bytes about five times faster than Bouncy Castle's, and every session request is MACed twice.
   */
  private SessionKey(String algorithm, byte[] key) {
    this.algorithm = algorithm;
    if (algorithm.equals(HMAC_SM3)) {
      this.sm3 = newHmac(algorithm);
      this.sm3.init(new KeyParameter(key));
      this.sha256 = null;
    } else {
      this.sm3 = null;
      try {
        this.sha256 = Mac.getInstance("HmacSHA256");
        this.sha256.init(new SecretKeySpec(key, "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("every Java runtime has HmacSHA256", e);
      }
    }
  }

  /** The MAC a department with keys of {@code type} authenticates its session requests with. */
  public static String algorithmFor(KeyAlgorithm type) {
    return type == KeyAlgorithm.SM2 ? HMAC_SM3 : HMAC_SHA256;
  }

  /** Whether {@code name} is the wire name of a session MAC. */
  public static boolean isAlgorithm(String name) {
    return HMAC_SM3.equals(name) || HMAC_SHA256.equals(name);
  }

  /**
   * The length of an exchange public key for sessions using {@code algorithm}: 65 (an
   * uncompressed SM2 point) for {@link #HMAC_SM3}, 32 (X25519) for {@link #HMAC_SHA256}.
   */
  public static int publicKeyBytes(String algorithm) {
    return requireAlgorithm(algorithm).equals(HMAC_SM3) ? SM2_POINT_BYTES : X25519_BYTES;
  }

  /** {@link #HMAC_SM3} or {@link #HMAC_SHA256}. */
  public String algorithm() {
    return algorithm;
  }

  /**
   * The MAC of {@code data} under this key, from a MAC keyed once per session (its inner and outer
   * pads hashed once): every session request is MACed twice, by the client and by the hub, and a
   * provider lookup and keying per call cost more than the MAC itself.
   */
  public byte[] mac(byte[] data) {
    if (sha256 != null) {
      synchronized (sha256) {
        return sha256.doFinal(data);
      }
    }
    synchronized (sm3) {
      sm3.update(data, 0, data.length);
      byte[] tag = new byte[sm3.getMacSize()];
      sm3.doFinal(tag, 0);
      return tag;
    }
  }

  /** Whether {@code tag} is the MAC of {@code data}, compared in constant time. */
  public boolean verify(byte[] tag, byte[] data) {
    return MessageDigest.isEqual(mac(data), tag);
  }

  /** One side's ephemeral key pair for sessions of one algorithm; use it for one agreement only. */
  public static final class Exchange {
    private final String algorithm;
    private final KeyPair x25519;
    private final AsymmetricCipherKeyPair sm2;

    /**
     * A fresh key pair: on the SM2 curve for {@link #HMAC_SM3}, X25519 for {@link #HMAC_SHA256}.
     *
     * @throws IllegalArgumentException if {@code algorithm} is not a session MAC
     */
    public Exchange(String algorithm) {
      this.algorithm = requireAlgorithm(algorithm);
      if (algorithm.equals(HMAC_SM3)) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(Curves.SM2, new SecureRandom()));
        this.sm2 = generator.generateKeyPair();
        this.x25519 = null;
      } else {
        try {
          this.x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("every Java 17 runtime has X25519", e);
        }
        this.sm2 = null;
      }
    }

    /** Tests only: a known X25519 key pair, for {@link #HMAC_SHA256}. */
    Exchange(KeyPair pair) {
      this.algorithm = HMAC_SHA256;
      this.x25519 = pair;
      this.sm2 = null;
    }

    /** Tests only: a known SM2-curve key pair, for {@link #HMAC_SM3}. */
    Exchange(AsymmetricCipherKeyPair pair) {
      this.algorithm = HMAC_SM3;
      this.x25519 = null;
      this.sm2 = pair;
    }

    /** This side's public key: {@link SessionKey#publicKeyBytes} bytes for its algorithm. */
    public byte[] publicKey() {
      if (sm2 != null) {
        return ((ECPublicKeyParameters) sm2.getPublic()).getQ().getEncoded(false);
      }
      byte[] spki = x25519.getPublic().getEncoded();
      return Arrays.copyOfRange(spki, spki.length - X25519_BYTES, spki.length);
    }

    /** The MAC algorithm of sessions this exchange is for. */
    public String algorithm() {
      return algorithm;
    }

    /**
     * The department's side: the key for session {@code sessionId} with the hub's public key.
     *
     * @throws IllegalArgumentException if the hub's key is not a usable public key for this algorithm
     */
    public SessionKey agreeAsClient(byte[] hubPublicKey, String sessionId, String departmentCode) {
      return agree(hubPublicKey, publicKey(), hubPublicKey, sessionId, departmentCode);
    }

    /**
     * The hub's side: the key for session {@code sessionId} with the department's public key.
     *
     * @throws IllegalArgumentException if the department's key is not a usable public key for this
     *     algorithm (wrong length, not on the curve, low order)
     */
    public SessionKey agreeAsHub(byte[] clientPublicKey, String sessionId, String departmentCode) {
      return agree(clientPublicKey, clientPublicKey, publicKey(), sessionId, departmentCode);
    }

    private SessionKey agree(byte[] peer, byte[] clientKey, byte[] hubKey, String sessionId, String departmentCode) {
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(departmentCode, "departmentCode");
      if (peer == null || peer.length != publicKeyBytes(algorithm)) {
        throw new IllegalArgumentException("a session public key for " + algorithm + " has "
            + publicKeyBytes(algorithm) + " bytes");
      }
      byte[] secret = null;
      byte[] okm = null;
      try {
        secret = sm2 != null ? sm2Secret(peer) : x25519Secret(peer);
        okm = derive(secret, sessionId, departmentCode, algorithm, clientKey, hubKey);
        return new SessionKey(algorithm, okm);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("not a usable session public key", e);
      } finally {
        if (secret != null) {
          Arrays.fill(secret, (byte) 0);
        }
        if (okm != null) {
          Arrays.fill(okm, (byte) 0);
        }
      }
    }

    private byte[] x25519Secret(byte[] peer) throws GeneralSecurityException {
      // Only a degenerate (low-order) public key makes X25519 fail here.
      KeyAgreement agreement = KeyAgreement.getInstance("X25519");
      agreement.init(x25519.getPrivate());
      agreement.doPhase(x25519(peer), true);
      return agreement.generateSecret();
    }

    /** The x coordinate of d * peer on the SM2 curve (cofactor 1: a valid point has prime order). */
    private byte[] sm2Secret(byte[] peer) throws GeneralSecurityException {
      if (peer[0] != 0x04) {
        throw new InvalidKeyException("an SM2 session key is an uncompressed point");
      }
      try {
        ECPublicKeyParameters point = new ECPublicKeyParameters(Curves.SM2.getCurve().decodePoint(peer), Curves.SM2);
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(sm2.getPrivate());
        return BigIntegers.asUnsignedByteArray(32, agreement.calculateAgreement(point));
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new InvalidKeyException("not a point on the SM2 curve");
      }
    }
  }

  private static String requireAlgorithm(String algorithm) {
    if (!isAlgorithm(algorithm)) {
      throw new IllegalArgumentException("not a session MAC: " + algorithm);
    }
    return algorithm;
  }

  /** A fresh Bouncy Castle HMAC for a session algorithm (the key derivation, and the tags of SM3 sessions). */
  private static HMac newHmac(String algorithm) {
    return new HMac(algorithm.equals(HMAC_SM3) ? new SM3Digest() : new SHA256Digest());
  }

  /** HKDF extract and the first expand block (32 bytes for both SM3 and SHA-256). */
  private static byte[] derive(byte[] secret, String sessionId, String departmentCode, String algorithm,
      byte[] clientKey, byte[] hubKey) {
    HMac mac = newHmac(algorithm);
    byte[] prk = new byte[mac.getMacSize()];
    mac.init(new KeyParameter(sessionId.getBytes(StandardCharsets.US_ASCII)));
    mac.update(secret, 0, secret.length);
    mac.doFinal(prk, 0);
    mac.init(new KeyParameter(prk));
    byte[] info = ("shuqiao-hub-session-v1\n" + departmentCode + "\n" + algorithm + "\n").getBytes(StandardCharsets.US_ASCII);
    mac.update(info, 0, info.length);
    mac.update(clientKey, 0, clientKey.length);
    mac.update(hubKey, 0, hubKey.length);
    mac.update((byte) 1);
    byte[] okm = new byte[mac.getMacSize()];
    mac.doFinal(okm, 0);
    Arrays.fill(prk, (byte) 0);
    return okm;
  }

  private static PublicKey x25519(byte[] raw) throws GeneralSecurityException {
    byte[] spki = Arrays.copyOf(X25519_SPKI_PREFIX, X25519_SPKI_PREFIX.length + raw.length);
    System.arraycopy(raw, 0, spki, X25519_SPKI_PREFIX.length, raw.length);
    return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(spki));
  }
}
