package dev.shuqiao.compliance.rules;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What project methods returning a String, int or array return, as a symbolic value over their
 * parameters ({@code return "MD5";}, {@code return "AES/" + mode + "/PKCS5Padding";}), so a call
 * such as {@code getInstance(transformation("ECB"))} resolves at the caller. A method is summarised
 * the first time it is called from analysed code; recursion yields "unknown".
 */
final class ReturnSummaries implements ReturnValues {

  private static final Set<String> RETURN_TYPES = Set.of("Ljava/lang/String;", "I", "[B", "[C");

  private final ProjectClasses classes;
  private final Function<MethodNode, MethodScan> scans;
  private final Map<MethodNode, SymbolicValue> summaries = new IdentityHashMap<>();
  private final Set<MethodNode> inProgress = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  ReturnSummaries(ProjectClasses classes, Function<MethodNode, MethodScan> scans) {
    this.classes = classes;
    this.scans = scans;
  }

  @Override
  public SymbolicValue of(MethodInsnNode call, List<? extends SymbolicValue> values) {
    if (!RETURN_TYPES.contains(Type.getReturnType(call.desc).getDescriptor()) || !classes.contains(call.owner)) {
      return null;
    }
    MethodNode callee = classes.resolve(call.owner, call.name, call.desc);
    if (callee == null || (callee.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
      return null;
    }
    SymbolicValue summary = summary(callee);
    if (summary == null) {
      return null;
    }
    List<SymbolicValue> arguments = List.copyOf(call.getOpcode() == Opcodes.INVOKESTATIC
        ? values : values.subList(1, values.size()));
    SymbolicValue result = Substitution.apply(summary, arguments);
    return result.kind() == SymbolicValue.Kind.UNKNOWN ? null : result;
  }

  private SymbolicValue summary(MethodNode callee) {
    if (summaries.containsKey(callee)) {
      return summaries.get(callee);
    }
    if (!inProgress.add(callee)) {
      return null;
    }
    SymbolicValue summary;
    try {
      summary = merge(scans.apply(callee).returnValues);
    } finally {
      inProgress.remove(callee);
    }
    summaries.put(callee, summary);
    return summary;
  }

  /** The one value every return agrees on, if it is a constant, a text template or a parameter. */
  private static SymbolicValue merge(List<SymbolicValue> values) {
    Set<SymbolicValue> distinct = new HashSet<>(values);
    if (distinct.size() != 1) {
      return null;
    }
    SymbolicValue value = distinct.iterator().next();
    return switch (value.kind()) {
      case TEXT, INT, BYTES, PARAM -> value;
      default -> null;
    };
  }
}
