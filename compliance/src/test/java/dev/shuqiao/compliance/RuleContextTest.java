package dev.shuqiao.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RuleContextTest {

  record Inner(int value) {}

  record Outer(Inner inner) {}

  @Test
  void sharedAnalysis_mayUseAnotherSharedAnalysis_andIsComputedOnce() {
    RuleContext context = RuleContext.builder().build();
    AtomicInteger computations = new AtomicInteger();

    for (int i = 0; i < 3; i++) {
      Outer outer = context.shared(Outer.class, c -> {
        computations.incrementAndGet();
        return new Outer(c.shared(Inner.class, d -> new Inner(42)));
      });
      assertThat(outer.inner().value()).isEqualTo(42);
    }

    assertThat(computations).hasValue(1);
  }
}
