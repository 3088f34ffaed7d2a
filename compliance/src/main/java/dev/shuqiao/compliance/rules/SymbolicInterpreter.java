package dev.shuqiao.compliance.rules;

import java.util.function.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * The dataflow's transfer functions: constants, parameters, string concatenation (javac's
 * {@code invokedynamic} recipes, {@code StringBuilder}, {@code String.concat}), case changes, text
 * to bytes, constant fields; everything else is unknown. Sizes come from ASM's basic interpreter.
 */
final class SymbolicInterpreter extends Interpreter<SymbolicValue> {

  private static final int MAX_PARTS = 64;
  private static final BasicInterpreter BASIC = new BasicInterpreter();

  private final Function<String, SymbolicValue> constantFields;
  private final int[] parameterOfSlot;
  private final ReturnValues returns;

  /**
   * @param constantFields values of fields known to be constant, keyed {@code owner.name}
   * @param parameterOfSlot parameter index of each local slot, -1 for {@code this} and non-params
   */
  SymbolicInterpreter(Function<String, SymbolicValue> constantFields, int[] parameterOfSlot, ReturnValues returns) {
    super(Opcodes.ASM9);
    this.constantFields = constantFields;
    this.parameterOfSlot = parameterOfSlot;
    this.returns = returns;
  }

  @Override
  public SymbolicValue newValue(Type type) {
    if (type == Type.VOID_TYPE) {
      return null;
    }
    return SymbolicValue.unknown(type == null ? 1 : type.getSize());
  }

  @Override
  public SymbolicValue newParameterValue(boolean isInstanceMethod, int local, Type type) {
    int index = local < parameterOfSlot.length ? parameterOfSlot[local] : -1;
    return index < 0 ? newValue(type) : SymbolicValue.param(index, type.getSize());
  }

  @Override
  public SymbolicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
    switch (insn.getOpcode()) {
      case Opcodes.ICONST_M1, Opcodes.ICONST_0, Opcodes.ICONST_1, Opcodes.ICONST_2,
          Opcodes.ICONST_3, Opcodes.ICONST_4, Opcodes.ICONST_5:
        return SymbolicValue.integer(insn.getOpcode() - Opcodes.ICONST_0);
      case Opcodes.BIPUSH, Opcodes.SIPUSH:
        return SymbolicValue.integer(((IntInsnNode) insn).operand);
      case Opcodes.LDC:
        Object constant = ((LdcInsnNode) insn).cst;
        if (constant instanceof String text) {
          return SymbolicValue.text(text);
        }
        if (constant instanceof Integer number) {
          return SymbolicValue.integer(number);
        }
        break;
      case Opcodes.GETSTATIC:
        return field((FieldInsnNode) insn);
      case Opcodes.NEW:
        if ("java/lang/StringBuilder".equals(((TypeInsnNode) insn).desc)) {
          return SymbolicValue.builder(List.of());
        }
        break;
      default:
        break;
    }
    return sized(BASIC.newOperation(insn));
  }

  @Override
  public SymbolicValue copyOperation(AbstractInsnNode insn, SymbolicValue value) {
    return value;
  }

  @Override
  public SymbolicValue unaryOperation(AbstractInsnNode insn, SymbolicValue value)
      throws AnalyzerException {
    switch (insn.getOpcode()) {
      case Opcodes.NEWARRAY:
        if (((IntInsnNode) insn).operand == Opcodes.T_BYTE) {
          return SymbolicValue.newArray(insn);
        }
        break;
      case Opcodes.GETFIELD:
        return field((FieldInsnNode) insn);
      case Opcodes.CHECKCAST:
        return value;
      case Opcodes.I2B, Opcodes.I2C, Opcodes.I2S:
        return value.kind() == SymbolicValue.Kind.INT ? value : SymbolicValue.UNKNOWN_1;
      default:
        break;
    }
    return sized(BASIC.unaryOperation(insn, BasicValue.UNINITIALIZED_VALUE));
  }

  @Override
  public SymbolicValue binaryOperation(AbstractInsnNode insn, SymbolicValue left, SymbolicValue right)
      throws AnalyzerException {
    return sized(BASIC.binaryOperation(insn, BasicValue.INT_VALUE, BasicValue.INT_VALUE));
  }

  @Override
  public SymbolicValue ternaryOperation(AbstractInsnNode insn, SymbolicValue first,
      SymbolicValue second, SymbolicValue third) {
    return null;
  }

  @Override
  public SymbolicValue naryOperation(AbstractInsnNode insn, List<? extends SymbolicValue> values)
      throws AnalyzerException {
    SymbolicValue known = null;
    if (insn instanceof InvokeDynamicInsnNode indy) {
      known = concatenation(indy, values);
    } else if (insn instanceof MethodInsnNode call) {
      known = StringCalls.apply(call, values);
      if (known == null) {
        known = returns.of(call, values);
      }
    }
    if (known != null && (known.parts() == null || known.parts().size() <= MAX_PARTS)) {
      return known;
    }
    List<BasicValue> basics = new ArrayList<>();
    values.forEach(v -> basics.add(BasicValue.UNINITIALIZED_VALUE));
    return sized(BASIC.naryOperation(insn, basics));
  }

  @Override
  public void returnOperation(AbstractInsnNode insn, SymbolicValue value, SymbolicValue expected) {
    // Return values are not tracked across methods.
  }

  @Override
  public SymbolicValue merge(SymbolicValue value1, SymbolicValue value2) {
    if (value1.equals(value2)) {
      return value1;
    }
    return SymbolicValue.unknown(Math.min(value1.getSize(), value2.getSize()));
  }

  private SymbolicValue field(FieldInsnNode insn) {
    SymbolicValue constant = constantFields.apply(insn.owner + "." + insn.name);
    return constant != null ? constant : newValue(Type.getType(insn.desc));
  }

  /** javac's {@code makeConcatWithConstants} (recipe with \1 for arguments, \2 for constants). */
  private static SymbolicValue concatenation(InvokeDynamicInsnNode indy, List<? extends SymbolicValue> values) {
    Handle bootstrap = indy.bsm;
    if (!"java/lang/invoke/StringConcatFactory".equals(bootstrap.getOwner())) {
      return null;
    }
    if ("makeConcat".equals(bootstrap.getName())) {
      List<Object> parts = List.of();
      Type[] types = Type.getArgumentTypes(indy.desc);
      for (int i = 0; i < values.size(); i++) {
        parts = SymbolicValue.concat(parts, StringCalls.typed(values.get(i), types[i].getDescriptor().charAt(0)).asParts());
      }
      return parts == null ? null : SymbolicValue.text(parts);
    }
    String recipe = (String) indy.bsmArgs[0];
    Type[] types = Type.getArgumentTypes(indy.desc);
    List<Object> parts = new ArrayList<>();
    int argument = 0;
    int constant = 1;
    for (char c : recipe.toCharArray()) {
      List<Object> piece = switch (c) {
        case '\u0001' -> StringCalls.typed(values.get(argument), types[argument++].getDescriptor().charAt(0)).asParts();
        case '\u0002' -> List.of(String.valueOf(indy.bsmArgs[constant++]));
        default -> List.of(String.valueOf(c));
      };
      parts = SymbolicValue.concat(parts, piece);
      if (parts == null) {
        return null;
      }
    }
    return SymbolicValue.text(parts);
  }

  private static SymbolicValue sized(BasicValue basic) {
    return basic == null ? null : SymbolicValue.unknown(basic.getSize());
  }
}
