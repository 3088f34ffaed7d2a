package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The recipient's cache of ephemeral agreements ({@code E → d · E}) changes cost, never results. */
class AgreementCacheTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, names = {"ED25519", "ECDSA_P256"})
  void cachedUnwrap_givesTheSameResultsAsTheUncachedPath_forRandomAndTamperedWraps(KeyAlgorithm algorithm)
      throws Exception {
    Parties p = new Parties(algorithm);
    KeyWrap.UnwrapKey cached = p.police.unwrapKey();
    EphemeralKeys ephemerals = new EphemeralKeys(Duration.ofMinutes(1), 4, TestPki.CLOCK);
    Random choices = new Random(RANDOM.nextLong());
    for (int i = 0; i < 60; i++) {
      byte[] contentKey = new byte[32];
      RANDOM.nextBytes(contentKey);
      byte[] wrapped = KeyWrap.wrap(p.police.certificate().getPublicKey(), contentKey, RANDOM, ephemerals);
      if (choices.nextBoolean()) {
        wrapped[choices.nextInt(wrapped.length)] ^= (byte) (1 << choices.nextInt(8));
      }
      String viaCache = outcome(() -> KeyWrap.unwrap(cached, wrapped));
      String uncached = outcome(() -> KeyWrap.unwrap(p.police.privateKey(), p.police.certificate().getPublicKey(), wrapped));
      assertThat(viaCache).as("wrap %d", i).isEqualTo(uncached);
    }
    assertThat(cached.cachedAgreements()).isBetween(1, 60 / 4 + 1);
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, names = {"ED25519", "ECDSA_P256"})
  void envelopesSharingAnEphemeralKey_cost_oneAgreement_andAllOpen(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    EnvelopeSealer sealer = p.sealer(p.health);
    EnvelopeOpener opener = p.opener(p.police);
    for (int i = 0; i < 5; i++) {
      assertThat(opener.open(sealer.seal(p.content().addRecipient(p.police.certificate()).build())).payload())
          .isEqualTo(Parties.PAYLOAD);
    }
    assertThat(p.police.unwrapKey().cachedAgreements()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, names = {"ED25519", "ECDSA_P256"})
  void aFlippedByteInTheEphemeralKeyOrTheSalt_isRejectedAsBefore_evenWithTheAgreementCached(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    EnvelopeSealer sealer = p.sealer(p.health);
    EnvelopeOpener opener = p.opener(p.police);
    opener.open(sealer.seal(p.content().addRecipient(p.police.certificate()).build()));
    WireEnvelope wire = sealer.seal(p.content().addRecipient(p.police.certificate()).build()).wire();
    int saltEnd = EphemeralKeyReuseTest.ephemeralBytes(algorithm) + KeyWrap.SALT_BYTES;
    for (int i = 0; i < saltEnd; i++) {
      byte[] wrapped = wire.recipients().get(0).wrappedKey().clone();
      wrapped[i] ^= 0x01;
      WireEnvelope tampered = withWrappedKey(wire, wrapped);
      // Unwrapping is checked before the header's AEAD, so this is the wrap's own failure.
      assertThatThrownBy(() -> EnvelopeOpener.unwrap(p.police, tampered))
          .as("byte %d", i).isExactlyInstanceOf(AuthenticationFailedException.class);
      assertThatThrownBy(() -> opener.open(tampered.toBinary())).isExactlyInstanceOf(AuthenticationFailedException.class);
    }
    assertThat(p.police.unwrapKey().cachedAgreements()).isEqualTo(1);
    assertThat(opener.open(wire.toBinary()).payload()).isEqualTo(Parties.PAYLOAD);
  }

  @Test
  void theRecipientsCache_staysBounded() throws Exception {
    Parties p = new Parties(KeyAlgorithm.ED25519);
    KeyWrap.UnwrapKey own = p.police.unwrapKey();
    for (int i = 0; i < KeyWrap.UnwrapKey.MAX_CACHED_AGREEMENTS + 20; i++) {
      byte[] wrapped = KeyWrap.wrap(p.police.certificate().getPublicKey(), new byte[32], RANDOM);
      assertThat(KeyWrap.unwrap(own, wrapped)).hasSize(32);
    }
    assertThat(own.cachedAgreements()).isEqualTo(KeyWrap.UnwrapKey.MAX_CACHED_AGREEMENTS);
  }

  private interface Unwrap {
    byte[] run() throws GeneralSecurityException;
  }

  /** The content key in hex, or "refused". */
  private static String outcome(Unwrap unwrap) {
    try {
      return HexFormat.of().formatHex(unwrap.run());
    } catch (GeneralSecurityException e) {
      return "refused";
    }
  }

  private static WireEnvelope withWrappedKey(WireEnvelope w, byte[] wrapped) {
    List<WireEnvelope.Recipient> recipients = List.of(new WireEnvelope.Recipient(w.recipients().get(0).keyId(), wrapped));
    return new WireEnvelope(w.suite(), w.messageId(), w.createdAtMillis(), w.senderCertificate(), w.resourceCode(),
        w.contentType(), w.grantId(), w.caseId(), recipients, w.nonce(), w.ciphertextBytes());
  }
}
