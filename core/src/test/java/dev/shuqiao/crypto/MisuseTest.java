package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

/** The API refuses the obvious mistakes instead of doing something weak. */
class MisuseTest {

  @Test
  void keyAlgorithm_refusesRsaAndOtherCurves() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    assertThatThrownBy(() -> KeyAlgorithm.of(rsa.generateKeyPair().getPublic())).isInstanceOf(IllegalArgumentException.class);
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC", Providers.BC);
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    assertThatThrownBy(() -> KeyAlgorithm.of(p384.generateKeyPair().getPublic())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sealer_requiresAPayload_andStreamSealerRefusesOne() {
    Parties p = new Parties(KeyAlgorithm.ED25519);
    EnvelopeContent noPayload = EnvelopeContent.builder().addRecipient(p.police.certificate())
        .resourceCode("R").contentType("t").build();
    assertThatThrownBy(() -> p.sealer(p.health).seal(noPayload)).isInstanceOf(IllegalArgumentException.class);
    StreamSealer streams = StreamSealer.builder().identity(p.health).build();
    assertThatThrownBy(() -> streams.seal(new ByteArrayOutputStream(), p.content().addRecipient(p.police.certificate()).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void content_requiresARecipientAndBoundedHeaderTexts() {
    assertThatThrownBy(() -> EnvelopeContent.builder().resourceCode("R").contentType("t").payload(new byte[1]).build())
        .isInstanceOf(IllegalStateException.class);
    Parties p = new Parties(KeyAlgorithm.ED25519);
    assertThatThrownBy(() -> EnvelopeContent.builder().addRecipient(p.police.certificate()).resourceCode("R".repeat(257))
        .contentType("t").payload(new byte[1]).build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void opener_requiresATrustStoreAndAReplayGuard() {
    Parties p = new Parties(KeyAlgorithm.ED25519);
    assertThatThrownBy(() -> EnvelopeOpener.builder().addIdentity(p.police).trustStore(p.pki.trust()).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> EnvelopeOpener.builder().addIdentity(p.police)
        .replayGuard(ReplayGuard.builder().build()).build()).isInstanceOf(IllegalStateException.class);
  }
}
