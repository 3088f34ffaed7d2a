package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionKeyTest {

  private static final byte[] BASE = "\"@method\": GET\n\"@path\": /v1/departments/x".getBytes(StandardCharsets.UTF_8);

  @Test
  void hmacSha256Sessions_agreeWithX25519_onTheKeyRfc5869HkdfDerives() throws Exception {
    KeyPair clientPair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
    KeyPair hubPair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
    SessionKey.Exchange client = new SessionKey.Exchange(clientPair);
    SessionKey.Exchange hub = new SessionKey.Exchange(hubPair);
    KeyAgreement agreement = KeyAgreement.getInstance("X25519");
    agreement.init(clientPair.getPrivate());
    agreement.doPhase(hubPair.getPublic(), true);
    assertThat(client.publicKey()).hasSize(SessionKey.publicKeyBytes(SessionKey.HMAC_SHA256)).hasSize(32);
    checkDerivation(client, hub, agreement.generateSecret(), SessionKey.HMAC_SHA256);
  }

  @Test
  void hmacSm3Sessions_agreeOnTheSm2Curve_onTheKeyRfc5869HkdfDerives() throws Exception {
    ECDomainParameters sm2 = new ECDomainParameters(GMNamedCurves.getByName("sm2p256v1"));
    AsymmetricCipherKeyPair clientPair = sm2Pair(sm2);
    AsymmetricCipherKeyPair hubPair = sm2Pair(sm2);
    SessionKey.Exchange client = new SessionKey.Exchange(clientPair);
    SessionKey.Exchange hub = new SessionKey.Exchange(hubPair);
    // The secret, computed independently: x of d_client * Q_hub, 32 bytes.
    ECPoint shared = ((ECPublicKeyParameters) hubPair.getPublic()).getQ()
        .multiply(((ECPrivateKeyParameters) clientPair.getPrivate()).getD()).normalize();
    byte[] secret = BigIntegers.asUnsignedByteArray(32, shared.getAffineXCoord().toBigInteger());
    assertThat(client.publicKey()).hasSize(SessionKey.publicKeyBytes(SessionKey.HMAC_SM3)).hasSize(65).startsWith(4);
    checkDerivation(client, hub, secret, SessionKey.HMAC_SM3);
  }

  @Test
  void freshExchanges_pickTheirCurveByAlgorithm_andAgree() {
    for (String algorithm : new String[] {SessionKey.HMAC_SM3, SessionKey.HMAC_SHA256}) {
      SessionKey.Exchange client = new SessionKey.Exchange(algorithm);
      SessionKey.Exchange hub = new SessionKey.Exchange(algorithm);
      assertThat(client.publicKey()).hasSize(SessionKey.publicKeyBytes(algorithm));
      byte[] tag = client.agreeAsClient(hub.publicKey(), "s-1", "D1").mac(BASE);
      assertThat(hub.agreeAsHub(client.publicKey(), "s-1", "D1").verify(tag, BASE)).isTrue();
    }
    assertThatThrownBy(() -> new SessionKey.Exchange("hmac-md5")).isInstanceOf(IllegalArgumentException.class);
  }

  private static AsymmetricCipherKeyPair sm2Pair(ECDomainParameters domain) {
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(domain, new java.security.SecureRandom()));
    return generator.generateKeyPair();
  }

  /**
   * The documented derivation, computed independently: HKDF(salt = session id, ikm = secret, info =
   * version, department, alg, client key, hub key), 32 bytes, then HMAC of the base.
   */
  private static void checkDerivation(SessionKey.Exchange client, SessionKey.Exchange hub, byte[] secret,
      String algorithm) {
    SessionKey atHub = hub.agreeAsHub(client.publicKey(), "s-abc", "11450200B153376699");
    SessionKey atClient = client.agreeAsClient(hub.publicKey(), "s-abc", "11450200B153376699");

    byte[] tag = atClient.mac(BASE);
    assertThat(atHub.verify(tag, BASE)).isTrue();
    assertThat(atClient.algorithm()).isEqualTo(algorithm);
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.writeBytes(("shuqiao-hub-session-v1\n11450200B153376699\n" + algorithm + "\n").getBytes(StandardCharsets.US_ASCII));
    info.writeBytes(client.publicKey());
    info.writeBytes(hub.publicKey());
    Digest digest = algorithm.equals(SessionKey.HMAC_SM3) ? new SM3Digest() : new SHA256Digest();
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(digest);
    hkdf.init(new HKDFParameters(secret, "s-abc".getBytes(StandardCharsets.US_ASCII), info.toByteArray()));
    byte[] key = new byte[32];
    hkdf.generateBytes(key, 0, key.length);
    HMac hmac = new HMac(algorithm.equals(SessionKey.HMAC_SM3) ? new SM3Digest() : new SHA256Digest());
    hmac.init(new KeyParameter(key));
    hmac.update(BASE, 0, BASE.length);
    byte[] expected = new byte[hmac.getMacSize()];
    hmac.doFinal(expected, 0);
    assertThat(tag).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {SessionKey.HMAC_SM3, SessionKey.HMAC_SHA256})
  void verify_refusesATamperedTagOrBase_andAKeyForAnotherContext(String algorithm) {
    SessionKey.Exchange client = new SessionKey.Exchange(algorithm);
    SessionKey.Exchange hub = new SessionKey.Exchange(algorithm);
    SessionKey atHub = hub.agreeAsHub(client.publicKey(), "s-1", "D1");
    byte[] tag = client.agreeAsClient(hub.publicKey(), "s-1", "D1").mac(BASE);

    byte[] flipped = tag.clone();
    flipped[0] ^= 1;
    assertThat(atHub.verify(flipped, BASE)).isFalse();
    assertThat(atHub.verify(tag, Arrays.copyOf(BASE, BASE.length - 1))).isFalse();
    assertThat(atHub.verify(Arrays.copyOf(tag, 16), BASE)).isFalse();
    SessionKey otherDepartment = client.agreeAsClient(hub.publicKey(), "s-1", "D2");
    assertThat(atHub.verify(otherDepartment.mac(BASE), BASE)).isFalse();
  }

  @Test
  void agree_refusesBadX25519Keys() {
    SessionKey.Exchange hub = new SessionKey.Exchange(SessionKey.HMAC_SHA256);
    assertThatThrownBy(() -> hub.agreeAsHub(new byte[31], "s-1", "D1")).isInstanceOf(IllegalArgumentException.class);
    // All-zero is a low-order point: X25519 yields no usable secret.
    assertThatThrownBy(() -> hub.agreeAsHub(new byte[32], "s-1", "D1")).isInstanceOf(IllegalArgumentException.class);
    // An SM2 point is not an X25519 key.
    byte[] sm2Point = new SessionKey.Exchange(SessionKey.HMAC_SM3).publicKey();
    assertThatThrownBy(() -> hub.agreeAsHub(sm2Point, "s-1", "D1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agree_refusesBadSm2Points() {
    SessionKey.Exchange hub = new SessionKey.Exchange(SessionKey.HMAC_SM3);
    byte[] good = new SessionKey.Exchange(SessionKey.HMAC_SM3).publicKey();
    byte[] offCurve = good.clone();
    offCurve[64] ^= 1;
    byte[] compressedTag = good.clone();
    compressedTag[0] = 2;
    byte[] infinity = new byte[65];
    for (byte[] bad : new byte[][] {offCurve, compressedTag, infinity, java.util.Arrays.copyOf(good, 64),
        new SessionKey.Exchange(SessionKey.HMAC_SHA256).publicKey()}) {
      assertThatThrownBy(() -> hub.agreeAsHub(bad, "s-1", "D1")).isInstanceOf(IllegalArgumentException.class);
    }
    // A P-256 point with the right length is not on the SM2 curve either.
    byte[] p256 = new ECDomainParameters(org.bouncycastle.asn1.sec.SECNamedCurves.getByName("secp256r1")).getG()
        .getEncoded(false);
    assertThatThrownBy(() -> hub.agreeAsHub(p256, "s-1", "D1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void algorithmFor_isHmacSm3ForSm2DepartmentsOnly() {
    assertThat(SessionKey.algorithmFor(KeyAlgorithm.SM2)).isEqualTo("hmac-sm3");
    assertThat(SessionKey.algorithmFor(KeyAlgorithm.ED25519)).isEqualTo("hmac-sha256");
    assertThat(SessionKey.algorithmFor(KeyAlgorithm.ECDSA_P256)).isEqualTo("hmac-sha256");
  }

  /** The key is keyed once and shared by every request of a session, from many threads. */
  @ParameterizedTest
  @ValueSource(strings = {SessionKey.HMAC_SM3, SessionKey.HMAC_SHA256})
  void mac_isTheSameForTheSameData_repeatedAndFromManyThreads(String algorithm) throws Exception {
    SessionKey.Exchange client = new SessionKey.Exchange(algorithm);
    SessionKey key = client.agreeAsClient(new SessionKey.Exchange(algorithm).publicKey(), "s-1", "D1");
    byte[] first = key.mac(BASE);
    key.mac("something else".getBytes(StandardCharsets.UTF_8));
    assertThat(key.mac(BASE)).isEqualTo(first);
    byte[][] expected = new byte[64][];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = key.mac(("request " + i).getBytes(StandardCharsets.UTF_8));
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> {
          for (int n = 0; n < 2_000; n++) {
            int i = n % expected.length;
            if (!Arrays.equals(key.mac(("request " + i).getBytes(StandardCharsets.UTF_8)), expected[i])) {
              return false;
            }
          }
          return true;
        }));
      }
      for (java.util.concurrent.Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
