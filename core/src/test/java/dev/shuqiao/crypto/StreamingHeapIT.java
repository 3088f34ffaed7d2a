package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seals and opens a large stream in a child JVM limited to a 64 MiB heap: the stream format and
 * both ends must work in constant memory. Both suites run the full 1 GiB (GM, on Bouncy Castle's
 * SM4-GCM, takes about 50 s of the CI run on an idle 2-core machine).
 */
class StreamingHeapIT {

  @ParameterizedTest
  @CsvSource({"ED25519, 1073741824", "SM2, 1073741824"})
  void largeStream_sealsAndOpensWithin64MiBOfHeap(String algorithm, long bytes) throws IOException, InterruptedException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", classpath,
        StreamingHeapProbe.class.getName(), algorithm, Long.toString(bytes)))
        .redirectErrorStream(true).start();
    boolean done = process.waitFor(10, TimeUnit.MINUTES);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!done) {
      process.destroyForcibly();
    }
    System.out.println("StreamingHeapIT: " + output.strip());
    assertThat(done).as("finished in time").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).startsWith("OK " + algorithm + " " + bytes);
  }
}
