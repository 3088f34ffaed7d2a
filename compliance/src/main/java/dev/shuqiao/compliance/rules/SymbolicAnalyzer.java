package dev.shuqiao.compliance.rules;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * ASM's analyzer with one addition: {@code new StringBuilder(text)} initialises every copy of the
 * fresh builder (javac's {@code NEW; DUP; …; INVOKESPECIAL <init>}) with that text.
 */
final class SymbolicAnalyzer extends Analyzer<SymbolicValue> {

  SymbolicAnalyzer(SymbolicInterpreter interpreter) {
    super(interpreter);
  }

  @Override
  protected Frame<SymbolicValue> newFrame(int numLocals, int numStack) {
    return new BuilderAwareFrame(numLocals, numStack);
  }

  @Override
  protected Frame<SymbolicValue> newFrame(Frame<? extends SymbolicValue> frame) {
    BuilderAwareFrame copy = new BuilderAwareFrame(frame.getLocals(), frame.getMaxStackSize());
    copy.init(frame);
    return copy;
  }

  private static final class BuilderAwareFrame extends Frame<SymbolicValue> {

    BuilderAwareFrame(int numLocals, int maxStack) {
      super(numLocals, maxStack);
    }

    @Override
    public void execute(AbstractInsnNode insn, Interpreter<SymbolicValue> interpreter)
        throws AnalyzerException {
      if (!(insn instanceof MethodInsnNode call) || !isBuilderInitWithText(call)) {
        super.execute(insn, interpreter);
        return;
      }
      SymbolicValue receiver = getStack(getStackSize() - 2);
      SymbolicValue text = getStack(getStackSize() - 1);
      super.execute(insn, interpreter);
      if (receiver.kind() != SymbolicValue.Kind.BUILDER) {
        return;
      }
      java.util.List<Object> parts = text.asParts();
      SymbolicValue initialised = parts == null ? SymbolicValue.UNKNOWN_1 : SymbolicValue.builder(parts);
      for (int i = 0; i < getLocals(); i++) {
        if (getLocal(i) == receiver) {
          setLocal(i, initialised);
        }
      }
      for (int i = 0; i < getStackSize(); i++) {
        if (getStack(i) == receiver) {
          setStack(i, initialised);
        }
      }
    }

    private static boolean isBuilderInitWithText(MethodInsnNode call) {
      return call.getOpcode() == Opcodes.INVOKESPECIAL
          && "java/lang/StringBuilder".equals(call.owner)
          && "<init>".equals(call.name)
          && (call.desc.equals("(Ljava/lang/String;)V") || call.desc.equals("(Ljava/lang/CharSequence;)V"));
    }
  }
}
