package dev.shuqiao.compliance.rules;

import java.util.function.Function;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Runs the dataflow over one method and keeps what the rules need: every call with its symbolic
 * arguments, the values stored to fields, and which fresh byte arrays are filled with non-constant
 * data (so {@code new byte[16]} passed to {@code nextBytes} is not a constant IV).
 */
final class MethodScan {

  /** A store of {@code value} into field {@code owner.name}. */
  record FieldStore(String field, SymbolicValue value) {}

  final ClassNode owner;
  final MethodNode method;
  final List<CallSite> calls = new ArrayList<>();
  final List<FieldStore> stores = new ArrayList<>();
  /** NEWARRAY instructions whose arrays receive non-constant bytes. */
  final Set<AbstractInsnNode> filledArrays = new HashSet<>();
  /** Parameter indexes whose arrays receive non-constant bytes here. */
  final Set<Integer> filledParameters = new HashSet<>();
  /** The value of every reachable {@code areturn}/{@code ireturn}. */
  final List<SymbolicValue> returnValues = new ArrayList<>();

  private MethodScan(ClassNode owner, MethodNode method) {
    this.owner = owner;
    this.method = method;
  }

  /** Whether a method can contain anything of interest (a call); most getters cannot. */
  static boolean worthScanning(MethodNode method) {
    for (AbstractInsnNode insn : method.instructions) {
      int type = insn.getType();
      if (type == AbstractInsnNode.METHOD_INSN || type == AbstractInsnNode.INVOKE_DYNAMIC_INSN
          || insn.getOpcode() == Opcodes.PUTSTATIC || insn.getOpcode() == Opcodes.PUTFIELD) {
        return true;
      }
    }
    return false;
  }

  static MethodScan scan(ClassNode owner, MethodNode method, Function<String, SymbolicValue> constantFields,
      ReturnValues returns) throws AnalyzerException {
    MethodScan scan = new MethodScan(owner, method);
    if (method.instructions.size() == 0) {
      return scan;
    }
    SymbolicInterpreter interpreter = new SymbolicInterpreter(constantFields, parameterSlots(method), returns);
    Frame<SymbolicValue>[] frames = new SymbolicAnalyzer(interpreter).analyze(owner.name, method);
    int line = 0;
    int index = 0;
    for (AbstractInsnNode insn : method.instructions) {
      Frame<SymbolicValue> frame = frames[index++];
      if (insn instanceof LineNumberNode number) {
        line = number.line;
      } else if (frame != null) {
        scan.record(insn, frame, line);
      }
    }
    return scan;
  }

  private void record(AbstractInsnNode insn, Frame<SymbolicValue> frame, int line) {
    if (insn instanceof MethodInsnNode call) {
      recordCall(call, frame, line);
    } else if (insn.getOpcode() == Opcodes.BASTORE) {
      SymbolicValue array = frame.getStack(frame.getStackSize() - 3);
      SymbolicValue value = frame.getStack(frame.getStackSize() - 1);
      if (value.kind() != SymbolicValue.Kind.INT) {
        markFilled(array);
      }
    } else if (insn.getOpcode() == Opcodes.ARETURN || insn.getOpcode() == Opcodes.IRETURN) {
      returnValues.add(frame.getStack(frame.getStackSize() - 1));
    } else if (insn instanceof FieldInsnNode field
        && (insn.getOpcode() == Opcodes.PUTSTATIC || insn.getOpcode() == Opcodes.PUTFIELD)) {
      stores.add(new FieldStore(field.owner + "." + field.name, frame.getStack(frame.getStackSize() - 1)));
    }
  }

  private void recordCall(MethodInsnNode call, Frame<SymbolicValue> frame, int line) {
    int count = Type.getArgumentTypes(call.desc).length;
    int top = frame.getStackSize();
    List<SymbolicValue> arguments = new ArrayList<>(count);
    for (int i = top - count; i < top; i++) {
      arguments.add(frame.getStack(i));
    }
    SymbolicValue receiver = call.getOpcode() == Opcodes.INVOKESTATIC ? null : frame.getStack(top - count - 1);
    calls.add(new CallSite(call.owner, call.name, call.desc, List.copyOf(arguments), receiver, line));
  }

  void markFilled(SymbolicValue array) {
    if (array.kind() == SymbolicValue.Kind.NEW_ARRAY) {
      filledArrays.add(array.origin());
    } else if (array.kind() == SymbolicValue.Kind.PARAM) {
      filledParameters.add(array.number());
    }
  }

  /** Parameter index per local slot; -1 for {@code this} and the slot after a long or double. */
  static int[] parameterSlots(MethodNode method) {
    Type[] parameters = Type.getArgumentTypes(method.desc);
    boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
    int[] slots = new int[Math.max(method.maxLocals, 1) + 2];
    java.util.Arrays.fill(slots, -1);
    int slot = isStatic ? 0 : 1;
    for (int i = 0; i < parameters.length && slot < slots.length; i++) {
      slots[slot] = i;
      slot += parameters[i].getSize();
    }
    return slots;
  }

  /** First line of the method, for findings about the method as a whole. */
  int firstLine() {
    for (AbstractInsnNode insn : method.instructions) {
      if (insn instanceof LineNumberNode number) {
        return number.line;
      }
    }
    return 0;
  }
}
