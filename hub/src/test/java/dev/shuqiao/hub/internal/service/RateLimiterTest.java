package dev.shuqiao.hub.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void aBurstPasses_thenTheWaitIsTheRefillTime_perConsumer() {
    RateLimiter limiter = new RateLimiter(0.5, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("police")).isZero();
    }
    assertThat(limiter.acquire("police")).isBetween(1L, 2L);
    assertThat(limiter.acquire("insurance")).as("another consumer has its own bucket").isZero();
  }

  @Test
  void theWait_isTheWholeSecondsUntilOneTokenIsBack() {
    RateLimiter limiter = new RateLimiter(0.5, 1);
    assertThat(limiter.acquire("police")).isZero();
    assertThat(limiter.acquire("police")).as("one token per 2 s").isEqualTo(2);
  }
}
