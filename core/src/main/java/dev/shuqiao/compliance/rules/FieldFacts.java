package dev.shuqiao.compliance.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Fields whose value is a known constant: compile-time constants, and fields that only
 * constructors or static initialisers assign, always with the same constant text, int or bytes
 * ({@code private static final byte[] KEY = {…}}, {@code private String algorithm = "MD5"}).
 */
final class FieldFacts {

  private FieldFacts() {}

  static Map<String, SymbolicValue> compute(ProjectClasses classes, MethodScanner scanner) {
    Map<String, SymbolicValue> facts = new HashMap<>();
    for (ClassNode type : classes.classes()) {
      for (FieldNode field : type.fields) {
        if (field.value instanceof String text) {
          facts.put(type.name + "." + field.name, SymbolicValue.text(text));
        } else if (field.value instanceof Integer number) {
          facts.put(type.name + "." + field.name, SymbolicValue.integer(number));
        }
      }
    }
    Map<String, SymbolicValue> assigned = new HashMap<>();
    Set<String> unstable = new HashSet<>();
    for (ClassNode type : classes.classes()) {
      for (MethodNode method : type.methods) {
        if (method.name.equals("<init>") || method.name.equals("<clinit>")) {
          MethodScan scan = scanner.scan(type, method, facts);
          for (MethodScan.FieldStore store : scan.stores) {
            record(assigned, unstable, store.field(), constant(store.value(), scan));
          }
        } else {
          storedFields(method).forEach(unstable::add);
        }
      }
    }
    assigned.keySet().removeAll(unstable);
    Map<String, SymbolicValue> all = new HashMap<>(assigned);
    all.putAll(facts);
    return all;
  }

  private static void record(Map<String, SymbolicValue> assigned, Set<String> unstable,
      String field, SymbolicValue value) {
    SymbolicValue previous = assigned.putIfAbsent(field, value);
    if (value == null || (previous != null && !previous.equals(value))) {
      unstable.add(field);
    }
  }

  /** The value as a field constant, or {@code null} if it is not one. */
  private static SymbolicValue constant(SymbolicValue value, MethodScan scan) {
    return switch (value.kind()) {
      case INT -> value;
      case TEXT, BYTES -> SymbolicValue.literal(value.parts()) != null ? value : null;
      case NEW_ARRAY -> scan.filledArrays.contains(value.origin()) ? null : SymbolicValue.bytes(List.of());
      default -> null;
    };
  }

  private static Set<String> storedFields(MethodNode method) {
    Set<String> fields = new HashSet<>();
    for (AbstractInsnNode insn : method.instructions) {
      if (insn instanceof FieldInsnNode field
          && (insn.getOpcode() == Opcodes.PUTFIELD || insn.getOpcode() == Opcodes.PUTSTATIC)) {
        fields.add(field.owner + "." + field.name);
      }
    }
    return fields;
  }
}
