package dev.shuqiao.compliance.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * Taint of personal fields: read from the field or through its getter, kept through string
 * building and formatting, dropped by any other call (such as a masking function).
 */
final class TaintInterpreter extends Interpreter<Taint> {

  private static final BasicInterpreter BASIC = new BasicInterpreter();
  private static final Set<String> KEEPS_TAINT = Set.of("java/lang/String", "java/lang/StringBuilder",
      "java/lang/StringBuffer", "java/util/Objects", "java/lang/Object");

  private final Map<String, String> personalFields;
  private final Map<MethodNode, String> getters;
  private final ProjectClasses classes;

  TaintInterpreter(Map<String, String> personalFields, Map<MethodNode, String> getters, ProjectClasses classes) {
    super(Opcodes.ASM9);
    this.personalFields = personalFields;
    this.getters = getters;
    this.classes = classes;
  }

  @Override
  public Taint newValue(Type type) {
    return type == Type.VOID_TYPE ? null : Taint.clean(type == null ? 1 : type.getSize());
  }

  @Override
  public Taint newOperation(AbstractInsnNode insn) throws AnalyzerException {
    if (insn instanceof FieldInsnNode field && personalFields.containsKey(field.owner + "." + field.name)) {
      return new Taint(1, Set.of(field.owner + "." + field.name), null);
    }
    return sized(BASIC.newOperation(insn));
  }

  @Override
  public Taint copyOperation(AbstractInsnNode insn, Taint value) {
    return value;
  }

  @Override
  public Taint unaryOperation(AbstractInsnNode insn, Taint value) throws AnalyzerException {
    if (insn instanceof FieldInsnNode field && personalFields.containsKey(field.owner + "." + field.name)) {
      return new Taint(Type.getType(field.desc).getSize(), Set.of(field.owner + "." + field.name), null);
    }
    if (insn.getOpcode() == Opcodes.ANEWARRAY) {
      return new Taint(1, Set.of(), insn);
    }
    if (insn.getOpcode() == Opcodes.CHECKCAST) {
      return value;
    }
    return sized(BASIC.unaryOperation(insn, BasicValue.UNINITIALIZED_VALUE));
  }

  @Override
  public Taint binaryOperation(AbstractInsnNode insn, Taint left, Taint right) throws AnalyzerException {
    return sized(BASIC.binaryOperation(insn, BasicValue.INT_VALUE, BasicValue.INT_VALUE));
  }

  @Override
  public Taint ternaryOperation(AbstractInsnNode insn, Taint first, Taint second, Taint third) {
    return null;
  }

  @Override
  public Taint naryOperation(AbstractInsnNode insn, List<? extends Taint> values) throws AnalyzerException {
    int size = returnSize(insn);
    if (size == 0) {
      return null;
    }
    if (insn instanceof InvokeDynamicInsnNode indy && indy.bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")) {
      return Taint.union(size, values);
    }
    if (insn instanceof MethodInsnNode call) {
      MethodNode callee = classes.resolve(call.owner, call.name, call.desc);
      String field = callee == null ? null : getters.get(callee);
      if (field != null) {
        return new Taint(size, Set.of(field), null);
      }
      if (KEEPS_TAINT.contains(call.owner)) {
        return Taint.union(size, values);
      }
    }
    return Taint.clean(size);
  }

  @Override
  public void returnOperation(AbstractInsnNode insn, Taint value, Taint expected) {
    // Return values are summarised syntactically (getters) instead.
  }

  @Override
  public Taint merge(Taint value1, Taint value2) {
    if (value1.equals(value2)) {
      return value1;
    }
    Set<String> all = new HashSet<>(value1.fields);
    all.addAll(value2.fields);
    int size = Math.min(value1.size, value2.size);
    return all.isEmpty() ? Taint.clean(size) : new Taint(size, all, null);
  }

  private static int returnSize(AbstractInsnNode insn) {
    String desc = insn instanceof MethodInsnNode call ? call.desc
        : insn instanceof InvokeDynamicInsnNode indy ? indy.desc : null;
    if (desc == null) {
      return 1;
    }
    return Type.getReturnType(desc).getSize();
  }

  private static Taint sized(BasicValue basic) {
    return basic == null ? null : Taint.clean(basic.getSize());
  }
}
