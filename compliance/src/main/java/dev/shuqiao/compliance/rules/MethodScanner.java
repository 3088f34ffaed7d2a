package dev.shuqiao.compliance.rules;

import java.util.function.Function;
import dev.shuqiao.compliance.ComplianceException;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * Scans methods and marks byte arrays handed to library code as filled, since library code such as
 * {@code SecureRandom.nextBytes} may write them. Calls into project methods are left to
 * {@link CryptoIndex}, which knows which parameters those methods fill.
 */
final class MethodScanner {

  /** Library calls known to only read their array arguments. */
  private static final Set<String> READ_ONLY = Set.of(
      "java/lang/String.<init>", "java/util/Arrays.toString", "java/util/Arrays.equals",
      "java/util/Arrays.hashCode", "java/security/MessageDigest.update",
      "java/security/MessageDigest.digest", "java/security/MessageDigest.isEqual",
      "java/util/Base64$Encoder.encodeToString", "java/util/Base64$Encoder.encode",
      "java/util/HexFormat.formatHex");

  private final ProjectClasses classes;
  private ReturnValues returns = ReturnValues.NONE;

  MethodScanner(ProjectClasses classes) {
    this.classes = classes;
  }

  /** How calls to project methods are summarised from now on. */
  void returns(ReturnValues returns) {
    this.returns = returns;
  }

  MethodScan scan(ClassNode type, MethodNode method, Function<String, SymbolicValue> constantFields) {
    MethodScan scan;
    try {
      scan = MethodScan.scan(type, method, constantFields, returns);
    } catch (AnalyzerException | RuntimeException e) {
      throw new ComplianceException("Cannot analyse " + type.name.replace('/', '.') + "#" + method.name
          + " (" + e.getMessage() + "); the class file may be corrupt: rebuild it with a clean build.", e);
    }
    for (CallSite call : scan.calls) {
      if (Sink.of(call) == null && !READ_ONLY.contains(call.owner() + "." + call.name())
          && !classes.declares(call.owner(), call.name(), call.desc())) {
        call.arguments().forEach(scan::markFilled);
      }
    }
    return scan;
  }
}
