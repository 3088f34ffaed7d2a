package dev.shuqiao.compliance.rules;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.analysis.Value;

/** Which personal fields a value may carry, and for a fresh {@code Object[]} where it was created. */
final class Taint implements Value {

  static final Taint CLEAN_1 = new Taint(1, Set.of(), null);
  static final Taint CLEAN_2 = new Taint(2, Set.of(), null);

  final int size;
  final Set<String> fields;
  final AbstractInsnNode array;

  Taint(int size, Set<String> fields, AbstractInsnNode array) {
    this.size = size;
    this.fields = Set.copyOf(fields);
    this.array = array;
  }

  static Taint clean(int size) {
    return size == 2 ? CLEAN_2 : CLEAN_1;
  }

  static Taint union(int size, Iterable<? extends Taint> values) {
    Set<String> all = new HashSet<>();
    values.forEach(v -> all.addAll(v.fields));
    return all.isEmpty() ? clean(size) : new Taint(size, all, null);
  }

  @Override
  public int getSize() {
    return size;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Taint taint && taint.size == size && taint.array == array && taint.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, fields, System.identityHashCode(array));
  }
}
