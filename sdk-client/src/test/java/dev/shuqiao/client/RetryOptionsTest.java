package dev.shuqiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryOptionsTest {

  @Test
  void backoff_growsExponentiallyUpToTheCap() {
    RetryOptions options = new RetryOptions(3, Duration.ofMillis(100), Duration.ofMillis(1000));
    assertThat(options.backoff(1, 1.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(options.backoff(2, 1.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(options.backoff(3, 1.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(options.backoff(9, 1.0)).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void backoff_isScaledByTheJitter() {
    RetryOptions options = new RetryOptions(3, Duration.ofMillis(100), Duration.ofMillis(1000));
    assertThat(options.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void defaults_retryThreeTimes() {
    assertThat(RetryOptions.defaults().maxRetries()).isEqualTo(3);
    assertThat(RetryOptions.none().maxRetries()).isZero();
  }

  @Test
  void constructor_rejectsImpossibleSettings() {
    assertThatThrownBy(() -> new RetryOptions(-1, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryOptions(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
