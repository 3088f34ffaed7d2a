package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

  private static final Parties PARTIES = new Parties(KeyAlgorithm.ED25519);
  private static final Department HEALTH = PARTIES.health.department();
  private static final Department POLICE = PARTIES.police.department();

  private final AtomicReference<Instant> now = new AtomicReference<>(TestPki.NOW);
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  @Test
  void check_acceptsAMessageOnce_perSender() {
    InMemorySeenMessages store = new InMemorySeenMessages();
    ReplayGuard guard = ReplayGuard.builder().window(Duration.ofMinutes(5)).store(store).clock(clock).build();
    UUID id = UUID.randomUUID();
    guard.check(HEALTH, id, TestPki.NOW);
    assertThatThrownBy(() -> guard.check(HEALTH, id, TestPki.NOW)).isExactlyInstanceOf(ReplayException.class);
    assertThatCode(() -> guard.check(POLICE, id, TestPki.NOW)).doesNotThrowAnyException();
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void check_rejectsCreatedAtOutsideTheWindow_eitherWay() {
    ReplayGuard guard = ReplayGuard.builder().window(Duration.ofMinutes(5)).clock(clock).build();
    assertThatThrownBy(() -> guard.check(HEALTH, UUID.randomUUID(), TestPki.NOW.minus(Duration.ofMinutes(6))))
        .isExactlyInstanceOf(ReplayException.class).hasMessageContaining("window");
    assertThatThrownBy(() -> guard.check(HEALTH, UUID.randomUUID(), TestPki.NOW.plus(Duration.ofMinutes(6))))
        .isExactlyInstanceOf(ReplayException.class);
    assertThatCode(() -> guard.check(HEALTH, UUID.randomUUID(), TestPki.NOW.minus(Duration.ofMinutes(4))))
        .doesNotThrowAnyException();
  }

  @Test
  void check_forgetsIdsOnceTheirWindowHasPassed() {
    InMemorySeenMessages store = new InMemorySeenMessages();
    ReplayGuard guard = ReplayGuard.builder().window(Duration.ofMinutes(5)).store(store).clock(clock).build();
    guard.check(HEALTH, UUID.randomUUID(), TestPki.NOW);
    now.set(TestPki.NOW.plus(Duration.ofMinutes(10)));
    guard.check(HEALTH, UUID.randomUUID(), now.get());
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void builder_refusesAZeroOrHugeWindow() {
    assertThatThrownBy(() -> ReplayGuard.builder().window(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReplayGuard.builder().window(Duration.ofDays(2))).isInstanceOf(IllegalArgumentException.class);
  }
}
