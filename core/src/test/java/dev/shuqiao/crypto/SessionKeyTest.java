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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionKeyTest {

  private static final byte[] BASE = "\"@method\": GET\n\"@path\": /v1/departments/x".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @ValueSource(strings = {SessionKey.HMAC_SM3, SessionKey.HMAC_SHA256})
  void bothSidesAgree_onTheKeyRfc5869HkdfDerives(String algorithm) throws Exception {
    KeyPair clientPair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
    KeyPair hubPair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
    SessionKey.Exchange client = new SessionKey.Exchange(clientPair);
    SessionKey.Exchange hub = new SessionKey.Exchange(hubPair);

    SessionKey atHub = hub.agreeAsHub(client.publicKey(), "s-abc", "11450200MB1533766B", algorithm);
    SessionKey atClient = client.agreeAsClient(hub.publicKey(), "s-abc", "11450200MB1533766B", algorithm);

    byte[] tag = atClient.mac(BASE);
    assertThat(atHub.verify(tag, BASE)).isTrue();
    assertThat(atClient.algorithm()).isEqualTo(algorithm);
    // The documented derivation, computed independently: HKDF(salt = session id, ikm = X25519 secret,
    // info = version, department, alg, client key, hub key), 32 bytes, then HMAC of the base.
    KeyAgreement agreement = KeyAgreement.getInstance("X25519");
    agreement.init(clientPair.getPrivate());
    agreement.doPhase(hubPair.getPublic(), true);
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.writeBytes(("shuqiao-hub-session-v1\n11450200MB1533766B\n" + algorithm + "\n").getBytes(StandardCharsets.US_ASCII));
    info.writeBytes(client.publicKey());
    info.writeBytes(hub.publicKey());
    Digest digest = algorithm.equals(SessionKey.HMAC_SM3) ? new SM3Digest() : new SHA256Digest();
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(digest);
    hkdf.init(new HKDFParameters(agreement.generateSecret(), "s-abc".getBytes(StandardCharsets.US_ASCII), info.toByteArray()));
    byte[] key = new byte[32];
    hkdf.generateBytes(key, 0, key.length);
    HMac hmac = new HMac(algorithm.equals(SessionKey.HMAC_SM3) ? new SM3Digest() : new SHA256Digest());
    hmac.init(new KeyParameter(key));
    hmac.update(BASE, 0, BASE.length);
    byte[] expected = new byte[hmac.getMacSize()];
    hmac.doFinal(expected, 0);
    assertThat(tag).isEqualTo(expected);
  }

  @Test
  void verify_refusesATamperedTagOrBase_andAKeyForAnotherContext() {
    SessionKey.Exchange client = new SessionKey.Exchange();
    SessionKey.Exchange hub = new SessionKey.Exchange();
    SessionKey atHub = hub.agreeAsHub(client.publicKey(), "s-1", "D1", SessionKey.HMAC_SHA256);
    byte[] tag = client.agreeAsClient(hub.publicKey(), "s-1", "D1", SessionKey.HMAC_SHA256).mac(BASE);

    byte[] flipped = tag.clone();
    flipped[0] ^= 1;
    assertThat(atHub.verify(flipped, BASE)).isFalse();
    assertThat(atHub.verify(tag, Arrays.copyOf(BASE, BASE.length - 1))).isFalse();
    assertThat(atHub.verify(Arrays.copyOf(tag, 16), BASE)).isFalse();
    SessionKey otherDepartment = client.agreeAsClient(hub.publicKey(), "s-1", "D2", SessionKey.HMAC_SHA256);
    assertThat(atHub.verify(otherDepartment.mac(BASE), BASE)).isFalse();
  }

  @Test
  void agree_refusesBadPublicKeysAndUnknownAlgorithms() {
    SessionKey.Exchange hub = new SessionKey.Exchange();
    assertThatThrownBy(() -> hub.agreeAsHub(new byte[31], "s-1", "D1", SessionKey.HMAC_SM3))
        .isInstanceOf(IllegalArgumentException.class);
    // All-zero is a low-order point: X25519 yields no usable secret.
    assertThatThrownBy(() -> hub.agreeAsHub(new byte[32], "s-1", "D1", SessionKey.HMAC_SM3))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] good = new SessionKey.Exchange().publicKey();
    assertThatThrownBy(() -> hub.agreeAsHub(good, "s-1", "D1", "hmac-md5")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void algorithmFor_isHmacSm3ForSm2DepartmentsOnly() {
    assertThat(SessionKey.algorithmFor(KeyAlgorithm.SM2)).isEqualTo("hmac-sm3");
    assertThat(SessionKey.algorithmFor(KeyAlgorithm.ED25519)).isEqualTo("hmac-sha256");
    assertThat(SessionKey.algorithmFor(KeyAlgorithm.ECDSA_P256)).isEqualTo("hmac-sha256");
  }
}
