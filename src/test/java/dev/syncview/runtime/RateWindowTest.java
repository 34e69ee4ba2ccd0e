package dev.syncview.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateWindowTest {
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void shouldFollowTheLastWindowOnly() {
    RateWindow w = new RateWindow(10 * SECOND);
    assertThat(w.perSecond()).isZero();
    // 100/s for 20 s, then 1,000/s for 10 s: the window sees only the second pace
    long total = 0;
    for (int s = 0; s <= 20; s++) {
      w.add(s * SECOND, total);
      total += 100;
    }
    total -= 100;
    for (int s = 21; s <= 30; s++) {
      total += 1000;
      w.add(s * SECOND, total);
    }
    assertThat(w.perSecond()).isEqualTo(1000.0);
  }
}
