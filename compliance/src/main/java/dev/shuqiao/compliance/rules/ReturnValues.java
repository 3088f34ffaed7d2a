package dev.shuqiao.compliance.rules;

import java.util.List;
import org.objectweb.asm.tree.MethodInsnNode;

/** What a call to a project method returns, in terms of the call's arguments; {@code null} if unknown. */
@FunctionalInterface
interface ReturnValues {

  ReturnValues NONE = (call, values) -> null;

  /** @param values receiver (for instance calls) then arguments */
  SymbolicValue of(MethodInsnNode call, List<? extends SymbolicValue> values);
}
