package dev.shuqiao.hub.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  @Test
  void opensAfterThresholdConsecutiveFailures_only() {
    CircuitBreaker circuit = new CircuitBreaker(3, Duration.ofHours(1));
    circuit.failure();
    circuit.failure();
    circuit.success();
    circuit.failure();
    circuit.failure();
    assertThat(circuit.admit()).as("a success resets the count").isZero();
    circuit.failure();
    assertThat(circuit.admit()).isBetween(3599L, 3600L);
  }

  @Test
  void halfOpen_letsOneTrialThrough_whoseFailureOpensAgain_andWhoseSuccessCloses() {
    CircuitBreaker circuit = new CircuitBreaker(1, Duration.ofNanos(1));
    circuit.failure();
    assertThat(circuit.admit()).as("the trial").isZero();
    assertThat(circuit.admit()).as("only one trial at a time").isEqualTo(1);
    circuit.failure();
    assertThat(circuit.admit()).as("open again, then the next trial").isZero();
    circuit.success();
    assertThat(circuit.admit()).isZero();
    assertThat(circuit.admit()).as("closed: everyone passes").isZero();
  }

  @Test
  void anAbandonedTrial_letsTheNextOneThrough() {
    CircuitBreaker circuit = new CircuitBreaker(1, Duration.ofNanos(1));
    circuit.failure();
    assertThat(circuit.admit()).isZero();
    circuit.abandon();
    assertThat(circuit.admit()).isZero();
  }
}
