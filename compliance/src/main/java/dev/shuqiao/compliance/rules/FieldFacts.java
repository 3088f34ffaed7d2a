package dev.shuqiao.compliance.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
 * A class's initialisers are analysed the first time one of its fields is read.
 */
final class FieldFacts implements Function<String, SymbolicValue> {

  private final ProjectClasses classes;
  private final MethodScanner scanner;
  private final Map<String, Map<String, SymbolicValue>> byClass = new HashMap<>();

  FieldFacts(ProjectClasses classes, MethodScanner scanner) {
    this.classes = classes;
    this.scanner = scanner;
  }

  /** The constant value of field {@code owner.name}, or {@code null}. */
  @Override
  public SymbolicValue apply(String field) {
    int dot = field.lastIndexOf('.');
    return facts(field.substring(0, dot)).get(field);
  }

  private Map<String, SymbolicValue> facts(String owner) {
    Map<String, SymbolicValue> known = byClass.get(owner);
    if (known != null) {
      return known;
    }
    ClassNode type = classes.find(owner);
    Map<String, SymbolicValue> facts = new HashMap<>();
    byClass.put(owner, facts);
    if (type == null) {
      return facts;
    }
    Map<String, SymbolicValue> compileTime = compileTimeConstants(type);
    Map<String, SymbolicValue> assigned = new HashMap<>();
    Set<String> unstable = new HashSet<>();
    for (MethodNode method : type.methods) {
      if ((method.name.equals("<init>") || method.name.equals("<clinit>")) && MethodScan.worthScanning(method)) {
        MethodScan scan = scanner.scan(type, method, compileTime::get);
        for (MethodScan.FieldStore store : scan.stores) {
          SymbolicValue value = constant(store.value(), scan);
          if (store.value().kind() == SymbolicValue.Kind.NEW_ARRAY
              && !(method.name.equals("<clinit>") && staticFinal(type, store.field()))) {
            value = null; // an array in a mutable or instance field may be filled through the field later
          }
          SymbolicValue previous = assigned.putIfAbsent(store.field(), value);
          if (value == null || (previous != null && !previous.equals(value))) {
            unstable.add(store.field());
          }
        }
      }
    }
    // Only this class's fields are ever looked up here; stores to other classes' fields are theirs.
    assigned.keySet().removeIf(field -> unstable.contains(field) || !field.startsWith(owner + "."));
    assigned.keySet().removeAll(storedOutsideInitialisers(type, assigned.keySet()));
    facts.putAll(assigned);
    facts.putAll(compileTime);
    return facts;
  }

  private static boolean isFinal(ClassNode type, String field) {
    String name = field.substring(field.lastIndexOf('.') + 1);
    return type.fields.stream().anyMatch(f -> f.name.equals(name) && (f.access & Opcodes.ACC_FINAL) != 0);
  }

  private static boolean staticFinal(ClassNode type, String field) {
    String name = field.substring(field.lastIndexOf('.') + 1);
    int flags = Opcodes.ACC_STATIC | Opcodes.ACC_FINAL;
    return type.fields.stream().anyMatch(f -> f.name.equals(name) && (f.access & flags) == flags);
  }

  private static Map<String, SymbolicValue> compileTimeConstants(ClassNode type) {
    Map<String, SymbolicValue> facts = new HashMap<>();
    for (FieldNode field : type.fields) {
      if (field.value instanceof String text) {
        facts.put(type.name + "." + field.name, SymbolicValue.text(text));
      } else if (field.value instanceof Integer number) {
        facts.put(type.name + "." + field.name, SymbolicValue.integer(number));
      }
    }
    return facts;
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

  /**
   * Which of {@code candidates} (fields of {@code owner}) some method other than an initialiser
   * assigns. A final field can only be assigned by its own class (JVMS §6.5 putfield/putstatic), so
   * when every candidate is final only {@code owner} is read; otherwise every class whose constant
   * pool refers to a field of {@code owner}.
   */
  private Set<String> storedOutsideInitialisers(ClassNode owner, Set<String> candidates) {
    Set<String> fields = new HashSet<>();
    if (candidates.isEmpty()) {
      return fields;
    }
    boolean allFinal = candidates.stream().allMatch(field -> isFinal(owner, field));
    for (ClassNode type : allFinal ? List.of(owner) : classes.mayAccessFieldsOf(owner.name)) {
      for (MethodNode method : type.methods) {
        if (method.name.equals("<init>") || method.name.equals("<clinit>")) {
          continue;
        }
        for (AbstractInsnNode insn : method.instructions) {
          if (insn instanceof FieldInsnNode field && field.owner.equals(owner.name)
              && (insn.getOpcode() == Opcodes.PUTFIELD || insn.getOpcode() == Opcodes.PUTSTATIC)) {
            fields.add(field.owner + "." + field.name);
          }
        }
      }
    }
    return fields;
  }
}
