package dev.shuqiao.hub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {

  @Test
  void eachCounterOnce_outOfOrderWithinTheWindow_notBehindIt() {
    ReplayWindow window = new ReplayWindow();
    assertThat(window.accept(0)).isFalse();
    assertThat(window.accept(-5)).isFalse();
    assertThat(window.accept(1)).isTrue();
    assertThat(window.accept(1)).isFalse();
    assertThat(window.accept(3000)).isTrue();
    assertThat(window.accept(3000 - 1023)).isTrue();
    assertThat(window.accept(3000 - 1024)).isFalse();
    assertThat(window.accept(2)).isFalse();
    assertThat(window.accept(2999)).isTrue();
    assertThat(window.accept(2999)).isFalse();
    assertThat(window.accept(Long.MAX_VALUE)).isTrue();
    assertThat(window.accept(Long.MAX_VALUE)).isFalse();
    assertThat(window.accept(Long.MAX_VALUE - 1)).isTrue();
  }

  /** Against the plain definition: accepted iff never seen and less than 1,024 behind the highest so far. */
  @Test
  void agreesWithTheDefinition_onRandomArrivals() {
    Random random = new Random(20261127);
    for (int round = 0; round < 200; round++) {
      ReplayWindow window = new ReplayWindow();
      Set<Long> seen = new HashSet<>();
      long highest = 0;
      long next = 1;
      for (int i = 0; i < 2_000; i++) {
        long counter = switch (random.nextInt(4)) {
          case 0 -> next++;                                                   // in order
          case 1 -> Math.max(1, highest - random.nextInt(1100));              // late, near the edge
          case 2 -> next += random.nextInt(70) * (random.nextInt(10) == 0 ? 40 : 1); // a jump, whole words or not
          default -> seen.isEmpty() ? next++ : highest - random.nextInt(64); // likely a replay
        };
        boolean expected = counter > 0 && !seen.contains(counter) && highest - counter < ReplayWindow.WIDTH;
        assertThat(window.accept(counter)).as("round %d, arrival %d, counter %d", round, i, counter).isEqualTo(expected);
        if (expected) {
          seen.add(counter);
          highest = Math.max(highest, counter);
        }
      }
    }
  }
}
