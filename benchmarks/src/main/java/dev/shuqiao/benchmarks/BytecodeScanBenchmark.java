package dev.shuqiao.benchmarks;

import de.thetaphi.forbiddenapis.Checker;
import de.thetaphi.forbiddenapis.Logger;
import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.rules.BuiltInRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scanning the classes of Bouncy Castle (bcprov + bcpkix) and Guava — about 8,000 real classes
 * read from disk — with Shuqiao's weak-crypto rules (dataflow, interprocedural), next to
 * forbiddenapis' {@code check} on the same directory with an equivalent signatures list (name
 * matching only). Classes per second = {@link #classes} / seconds per operation.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar BytecodeScan</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class BytecodeScanBenchmark {

  /** The JCA calls the weak-crypto rules look at, as forbiddenapis signatures. */
  static final String SIGNATURES = String.join("\n",
      "java.security.MessageDigest#getInstance(java.lang.String)",
      "javax.crypto.Cipher#getInstance(java.lang.String)",
      "java.security.Signature#getInstance(java.lang.String)",
      "javax.crypto.Mac#getInstance(java.lang.String)",
      "javax.crypto.KeyGenerator#getInstance(java.lang.String)",
      "javax.crypto.SecretKeyFactory#getInstance(java.lang.String)",
      "java.security.KeyPairGenerator#initialize(int)",
      "javax.crypto.spec.SecretKeySpec#<init>(byte[],java.lang.String)",
      "javax.crypto.spec.IvParameterSpec#<init>(byte[])",
      "javax.crypto.spec.GCMParameterSpec#<init>(int,byte[])",
      "java.security.SecureRandom#<init>(byte[])",
      "java.security.SecureRandom#setSeed(long)",
      "java.security.SecureRandom#setSeed(byte[])");

  private static final List<String> PACKAGES = List.of("org/bouncycastle/", "com/google/common/");

  /** Number of class files scanned per operation. */
  public int classes;
  private Path directory;
  private List<String> classFiles;
  private List<ComplianceRule> rules;

  @Setup
  public void extractClasses() throws IOException, URISyntaxException {
    directory = Files.createTempDirectory("shuqiao-bench-classes");
    for (Class<?> marker : List.of(org.bouncycastle.jce.provider.BouncyCastleProvider.class,
        org.bouncycastle.cert.X509CertificateHolder.class, com.google.common.collect.ImmutableList.class)) {
      extract(Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }
    try (Stream<Path> files = Files.walk(directory)) {
      classFiles = files.filter(f -> f.toString().endsWith(".class"))
          .map(f -> directory.relativize(f).toString().replace('\\', '/')).sorted().toList();
    }
    classes = classFiles.size();
    rules = BuiltInRules.weakCrypto();
    System.out.printf("%n%d classes; shuqiao reports %d findings, forbiddenapis %d violations%n",
        classes, shuqiaoWeakCrypto(), forbiddenApisCheck());
  }

  @TearDown
  public void deleteClasses() throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @Benchmark
  public int shuqiaoWeakCrypto() {
    RuleContext context = RuleContext.builder().addClassDirectory(directory).build();
    rules.forEach(rule -> rule.execute(context));
    return context.findings().size();
  }

  @Benchmark
  public int forbiddenApisCheck() {
    CountingLogger logger = new CountingLogger();
    try {
      Checker checker = new Checker(logger, getClass().getClassLoader());
      checker.parseSignaturesString(SIGNATURES);
      checker.addClassesToCheck(directory.toFile(), classFiles);
      checker.run();
    } catch (Exception e) {
      throw new IllegalStateException("forbiddenapis failed: " + e.getMessage(), e);
    }
    return logger.errors.get();
  }

  private void extract(Path jar) throws IOException {
    if (!jar.toString().endsWith(".jar")) {
      return;
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : (Iterable<JarEntry>) file.stream()::iterator) {
        String name = entry.getName();
        if (name.endsWith(".class") && PACKAGES.stream().anyMatch(name::startsWith)) {
          Path target = directory.resolve(name);
          Files.createDirectories(target.getParent());
          try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
  }

  /** Counts violations; without FAIL_ON_VIOLATION forbiddenapis reports each one as a warning. */
  private static final class CountingLogger implements Logger {
    final AtomicInteger errors = new AtomicInteger();

    @Override
    public void error(String message) {
      warn(message);
    }

    @Override
    public void warn(String message) {
      if (message.startsWith("Forbidden")) {
        errors.incrementAndGet();
      }
    }

    @Override
    public void info(String message) {}

    @Override
    public void debug(String message) {}
  }
}
