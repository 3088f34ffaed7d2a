package dev.shuqiao.provider;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the fields of one record class map to information items: {@link Item} or the field name, and
 * whether {@link Masked} asks for masking. Computed once per class. Includes inherited instance
 * fields; a subclass field hides a superclass field standing for the same item.
 */
final class RecordBinding {

  /** One mapped field. */
  record Binding(String item, Field field, boolean masked) {}

  private static final ClassValue<RecordBinding> BINDINGS = new ClassValue<>() {
    @Override
    protected RecordBinding computeValue(Class<?> type) {
      return new RecordBinding(type);
    }
  };

  private final Map<String, Binding> byItem = new LinkedHashMap<>();

  private RecordBinding(Class<?> type) {
    List<Class<?>> hierarchy = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      hierarchy.add(0, c);
    }
    for (Class<?> c : hierarchy) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
          continue;
        }
        Item item = field.getAnnotation(Item.class);
        String name = item == null ? field.getName() : item.value();
        byItem.put(name, new Binding(name, field, field.isAnnotationPresent(Masked.class)));
      }
    }
  }

  static RecordBinding of(Class<?> type) {
    return BINDINGS.get(type);
  }

  /** The field standing for {@code item}, or null. */
  Binding binding(String item) {
    return byItem.get(item);
  }

  Map<String, Binding> bindings() {
    return byItem;
  }
}
