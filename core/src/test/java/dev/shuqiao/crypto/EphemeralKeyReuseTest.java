package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sealer's bounded reuse of INTL ephemeral agreement keys, and the per-wrap salt that makes it safe. */
class EphemeralKeyReuseTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, names = {"ED25519", "ECDSA_P256"})
  void envelopesWithinTheLifetime_shareTheEphemeralKey_butNotTheSaltOrTheWrap(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    EnvelopeSealer sealer = p.sealer(p.health);
    byte[] a = wrappedKey(sealer.seal(p.content().addRecipient(p.police.certificate()).build()));
    byte[] b = wrappedKey(sealer.seal(p.content().addRecipient(p.police.certificate()).build()));

    assertThat(ephemeral(algorithm, a)).isEqualTo(ephemeral(algorithm, b));
    assertThat(salt(algorithm, a)).isNotEqualTo(salt(algorithm, b));
    assertThat(sealed(algorithm, a)).isNotEqualTo(sealed(algorithm, b));
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, names = {"ED25519", "ECDSA_P256"})
  void twoWrapsOfOneContentKey_underOneEphemeralKey_useDifferentKeysAndNonces(KeyAlgorithm algorithm) throws Exception {
    KeyPair recipient = KeyPairs.generate(algorithm, RANDOM);
    EphemeralKeys ephemerals = new EphemeralKeys(Duration.ofMinutes(1), 100, TestPki.CLOCK);
    byte[] contentKey = new byte[32];
    RANDOM.nextBytes(contentKey);
    byte[] a = KeyWrap.wrap(recipient.getPublic(), contentKey, RANDOM, ephemerals);
    byte[] b = KeyWrap.wrap(recipient.getPublic(), contentKey, RANDOM, ephemerals);

    assertThat(ephemeral(algorithm, a)).isEqualTo(ephemeral(algorithm, b));
    assertThat(sealed(algorithm, a)).isNotEqualTo(sealed(algorithm, b));
    byte[] okmA = keyAndNonce(algorithm, recipient, a);
    byte[] okmB = keyAndNonce(algorithm, recipient, b);
    assertThat(Arrays.copyOf(okmA, 32)).isNotEqualTo(Arrays.copyOf(okmB, 32));
    assertThat(Arrays.copyOfRange(okmA, 32, 44)).isNotEqualTo(Arrays.copyOfRange(okmB, 32, 44));
    assertThat(KeyWrap.unwrap(recipient.getPrivate(), recipient.getPublic(), a)).isEqualTo(contentKey);
    assertThat(KeyWrap.unwrap(recipient.getPrivate(), recipient.getPublic(), b)).isEqualTo(contentKey);
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, names = {"ED25519", "ECDSA_P256"})
  void aNewEphemeralKey_isMadeOnceTheLifetimeHasPassed(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    MutableClock clock = new MutableClock(TestPki.NOW);
    EnvelopeSealer sealer = EnvelopeSealer.builder().identity(p.health).clock(clock).build();
    byte[] first = ephemeral(algorithm, wrappedKey(sealer.seal(p.content().addRecipient(p.police.certificate()).build())));
    clock.advance(Duration.ofSeconds(60).minusMillis(1));
    byte[] stillLive = ephemeral(algorithm, wrappedKey(sealer.seal(p.content().addRecipient(p.police.certificate()).build())));
    clock.advance(Duration.ofMillis(1));
    byte[] expired = ephemeral(algorithm, wrappedKey(sealer.seal(p.content().addRecipient(p.police.certificate()).build())));

    assertThat(stillLive).isEqualTo(first);
    assertThat(expired).isNotEqualTo(first);
  }

  @Test
  void aClockThatGoesBack_endsTheEphemeralKey() {
    Parties p = new Parties(KeyAlgorithm.ED25519);
    MutableClock clock = new MutableClock(TestPki.NOW);
    EnvelopeSealer sealer = EnvelopeSealer.builder().identity(p.health).clock(clock).build();
    byte[] first = ephemeral(KeyAlgorithm.ED25519, wrappedKey(sealer.seal(p.content().addRecipient(p.police.certificate()).build())));
    clock.advance(Duration.ofSeconds(-1));
    byte[] after = ephemeral(KeyAlgorithm.ED25519, wrappedKey(sealer.seal(p.content().addRecipient(p.police.certificate()).build())));
    assertThat(after).isNotEqualTo(first);
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, names = {"ED25519", "ECDSA_P256"})
  void aNewEphemeralKey_isMadeOnceTheUsesRunOut(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    EnvelopeSealer sealer = EnvelopeSealer.builder().identity(p.health).clock(TestPki.CLOCK).ephemeralKeyUses(3).build();
    List<String> points = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      points.add(java.util.HexFormat.of().formatHex(
          ephemeral(algorithm, wrappedKey(sealer.seal(p.content().addRecipient(p.police.certificate()).build())))));
    }
    assertThat(points.subList(0, 3)).containsOnly(points.get(0));
    assertThat(points.subList(3, 6)).containsOnly(points.get(3));
    assertThat(Set.of(points.get(0), points.get(3), points.get(6))).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, names = {"ED25519", "ECDSA_P256"})
  void lifetimeZero_makesAFreshEphemeralKeyForEveryEnvelope(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    EnvelopeSealer sealer = EnvelopeSealer.builder().identity(p.health).clock(TestPki.CLOCK)
        .ephemeralKeyLifetime(Duration.ZERO).build();
    Set<String> points = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      SealedEnvelope sealed = sealer.seal(p.content().addRecipient(p.police.certificate()).build());
      points.add(java.util.HexFormat.of().formatHex(ephemeral(algorithm, wrappedKey(sealed))));
      assertThat(p.opener(p.police).open(sealed).payload()).isEqualTo(Parties.PAYLOAD);
    }
    assertThat(points).hasSize(5);
  }

  @Test
  void eachRecipient_getsItsOwnEphemeralKey() {
    Parties p = new Parties(KeyAlgorithm.ECDSA_P256);
    WireEnvelope wire = p.sealer(p.health).seal(p.content().addRecipient(p.police.certificate())
        .addRecipient(p.insurance.certificate()).build()).wire();
    assertThat(ephemeral(KeyAlgorithm.ECDSA_P256, wire.recipients().get(0).wrappedKey()))
        .isNotEqualTo(ephemeral(KeyAlgorithm.ECDSA_P256, wire.recipients().get(1).wrappedKey()));
  }

  @Test
  void theLifetimeOption_refusesNegativeAndOverlongValues() {
    EnvelopeSealer.Builder builder = EnvelopeSealer.builder();
    assertThatThrownBy(() -> builder.ephemeralKeyLifetime(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lifetime");
    assertThatThrownBy(() -> builder.ephemeralKeyLifetime(Duration.ofHours(1).plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 hour");
    assertThatThrownBy(() -> builder.ephemeralKeyUses(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, names = {"ED25519", "ECDSA_P256"})
  void sealingFromEightThreads_givesEnvelopesThatAllOpen(KeyAlgorithm algorithm) throws Exception {
    Parties p = new Parties(algorithm);
    // A small use cap makes the threads race on replacing the ephemeral key, not only on reusing it.
    EnvelopeSealer sealer = EnvelopeSealer.builder().identity(p.health).clock(TestPki.CLOCK).ephemeralKeyUses(5).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<List<SealedEnvelope>>> work = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      work.add(pool.submit(() -> {
        List<SealedEnvelope> out = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
          out.add(sealer.seal(p.content().addRecipient(p.police.certificate())
              .addRecipient(p.insurance.certificate()).build()));
        }
        return out;
      }));
    }
    List<SealedEnvelope> sealed = new ArrayList<>();
    for (Future<List<SealedEnvelope>> f : work) {
      sealed.addAll(f.get());
    }
    pool.shutdown();
    EnvelopeOpener police = p.opener(p.police);
    EnvelopeOpener insurance = p.opener(p.insurance);
    Set<String> points = new HashSet<>();
    for (SealedEnvelope envelope : sealed) {
      assertThat(police.open(envelope).payload()).isEqualTo(Parties.PAYLOAD);
      assertThat(insurance.open(envelope).payload()).isEqualTo(Parties.PAYLOAD);
      points.add(java.util.HexFormat.of().formatHex(ephemeral(algorithm, envelope.wire().recipients().get(0).wrappedKey())));
    }
    assertThat(sealed).hasSize(200);
    assertThat(points.size()).isBetween(200 / 5, 200);
  }

  @Test
  void theSealersCache_staysBounded_andZeroisesWhatItDrops() throws Exception {
    EphemeralKeys ephemerals = new EphemeralKeys(Duration.ofMinutes(1), 100, TestPki.CLOCK);
    for (int i = 0; i < EphemeralKeys.MAX_RECIPIENTS + 10; i++) {
      KeyWrap.wrap(KeyPairs.generate(KeyAlgorithm.ED25519, RANDOM).getPublic(), new byte[32], RANDOM, ephemerals);
    }
    assertThat(ephemerals.size()).isEqualTo(EphemeralKeys.MAX_RECIPIENTS);
  }

  @Test
  void aHeldSecret_isZeroisedWhenItsLifetimeEnds_evenIfTheSealerIsNotUsedAgain() throws Exception {
    // The expiry thread is held until the secret has been seen live: with the shared timer a pause of
    // 50 ms (a loaded machine) between the wrap and the first look let it zeroise the secret first.
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch release = new CountDownLatch(1);
    try {
      timer.execute(() -> awaitUninterruptibly(release));
      EphemeralKeys ephemerals = new EphemeralKeys(Duration.ofMillis(50), 100, TestPki.CLOCK, () -> timer);
      KeyWrap.wrap(KeyPairs.generate(KeyAlgorithm.ED25519, RANDOM).getPublic(), new byte[32], RANDOM, ephemerals);
      assertThat(ephemerals.liveSecrets()).isEqualTo(1);
      release.countDown();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (ephemerals.liveSecrets() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(ephemerals.liveSecrets()).as("zeroised by the expiry thread").isZero();
      assertThat(ephemerals.size()).isEqualTo(1);
    } finally {
      release.countDown();
      timer.shutdownNow();
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aHeldSecret_isZeroisedOnceItsWindowOrItsUsesAreOver() {
    byte[] held = {1, 2, 3};
    SharedSecret secret = new SharedSecret(held, 100, 200, 2);
    assertThat(secret.take(150)).containsExactly(1, 2, 3);
    assertThat(secret.take(200)).isNull();
    assertThat(held).containsOnly(0);
    assertThat(secret.isDestroyed()).isTrue();

    SharedSecret twice = new SharedSecret(new byte[] {7}, 0, 1000, 2);
    assertThat(twice.take(1)).containsExactly(7);
    assertThat(twice.take(2)).containsExactly(7);
    assertThat(twice.take(3)).isNull();
  }

  static byte[] wrappedKey(SealedEnvelope sealed) {
    return sealed.wire().recipients().get(0).wrappedKey();
  }

  static int ephemeralBytes(KeyAlgorithm algorithm) {
    return algorithm == KeyAlgorithm.ECDSA_P256 ? Agreement.P256_POINT_BYTES : Agreement.X25519_BYTES;
  }

  static byte[] ephemeral(KeyAlgorithm algorithm, byte[] wrapped) {
    return Arrays.copyOf(wrapped, ephemeralBytes(algorithm));
  }

  static byte[] salt(KeyAlgorithm algorithm, byte[] wrapped) {
    int at = ephemeralBytes(algorithm);
    return Arrays.copyOfRange(wrapped, at, at + KeyWrap.SALT_BYTES);
  }

  private static byte[] sealed(KeyAlgorithm algorithm, byte[] wrapped) {
    return Arrays.copyOfRange(wrapped, ephemeralBytes(algorithm) + KeyWrap.SALT_BYTES, wrapped.length);
  }

  /** The wrap's AES-GCM key ‖ nonce, recomputed from the recipient's side. */
  private static byte[] keyAndNonce(KeyAlgorithm algorithm, KeyPair recipient, byte[] wrapped) throws Exception {
    PrivateKey own = recipient.getPrivate();
    PublicKey ownPublic = recipient.getPublic();
    byte[] e = ephemeral(algorithm, wrapped);
    byte[] shared = algorithm == KeyAlgorithm.ECDSA_P256 ? Agreement.p256(Agreement.p256Scalar(own), e)
        : Agreement.x25519(Agreement.x25519PrivateFromEd25519(own), e);
    byte[] r = algorithm == KeyAlgorithm.ECDSA_P256 ? Agreement.p256PointFromSpki(ownPublic.getEncoded())
        : Agreement.x25519PublicFromEd25519(ownPublic);
    return KeyWrap.derive(shared, salt(algorithm, wrapped), e, r);
  }
}
