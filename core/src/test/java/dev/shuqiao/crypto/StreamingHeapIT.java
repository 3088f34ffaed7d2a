package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seals and opens a large stream in a child JVM limited to a 64 MiB heap: the stream format and
 * both ends must work in constant memory. Both suites run the full 1 GiB (GM, on Bouncy Castle's
 * SM4-GCM, takes about 50 s of the CI run on an idle 2-core machine).
 */
class StreamingHeapIT {

  /** How long the child may go without opening another 16 MiB before it counts as hung. */
  private static final Duration STALL = Duration.ofMinutes(5);

  /**
   * Waits as long as the child makes progress, not for a fixed total: the GM suite took 50 s idle
   * and 418 s in a loaded build, most of a 10-minute limit on the whole run. A child that stops
   * making progress still fails.
   */
  @ParameterizedTest
  @CsvSource({"ED25519, 1073741824", "SM2, 1073741824"})
  void largeStream_sealsAndOpensWithin64MiBOfHeap(String algorithm, long bytes) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", classpath,
        StreamingHeapProbe.class.getName(), algorithm, Long.toString(bytes)))
        .redirectErrorStream(true).start();
    AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    StringBuffer output = new StringBuffer();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lastProgress.set(System.nanoTime());
          if (!line.startsWith("READ ")) {
            output.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        output.append(e).append('\n');
      }
    });
    reader.start();
    boolean stalled = false;
    while (!process.waitFor(1, TimeUnit.SECONDS)) {
      if (System.nanoTime() - lastProgress.get() > STALL.toNanos()) {
        stalled = true;
        process.destroyForcibly();
        break;
      }
    }
    reader.join(TimeUnit.SECONDS.toMillis(30));
    System.out.println("StreamingHeapIT: " + output.toString().strip());
    assertThat(stalled).as("no progress for %s: %s", STALL, output).isFalse();
    assertThat(process.waitFor()).as(output.toString()).isZero();
    assertThat(output.toString()).startsWith("OK " + algorithm + " " + bytes);
  }
}
