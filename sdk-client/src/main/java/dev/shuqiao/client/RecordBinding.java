package dev.shuqiao.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds exchanged records to a caller's class. Besides Jackson's own annotations it reads the
 * provider annotation {@code @dev.shuqiao.provider.Item("item name")}, so one annotated class serves
 * the provider that fills it and the consumer that reads it.
 */
final class RecordBinding {

  static final String ITEM_ANNOTATION = "dev.shuqiao.provider.Item";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .setAnnotationIntrospector(new ItemIntrospector());

  private RecordBinding() {}

  static <T> List<T> bind(List<ObjectNode> records, Class<T> type) {
    List<T> out = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      try {
        out.add(MAPPER.treeToValue(records.get(i), type));
      } catch (java.io.IOException | RuntimeException e) {
        // Jackson's message quotes the offending value, which is personal data: name only the place.
        throw new IllegalArgumentException("record " + i + " cannot be bound to " + type.getName() + " ("
            + e.getClass().getSimpleName() + ")");
      }
    }
    return out;
  }

  /** {@code @JsonProperty} first; then the provider's {@code @Item}, found by name so either side may be absent. */
  static final class ItemIntrospector extends JacksonAnnotationIntrospector {

    private static final long serialVersionUID = 1L;
    /** The annotation type, or null on a class path without it. */
    private static final Class<? extends Annotation> ITEM = itemAnnotation();

    private static Class<? extends Annotation> itemAnnotation() {
      try {
        return Class.forName(ITEM_ANNOTATION, false, RecordBinding.class.getClassLoader()).asSubclass(Annotation.class);
      } catch (ClassNotFoundException | ClassCastException e) {
        return null;
      }
    }

    @Override
    public PropertyName findNameForDeserialization(Annotated a) {
      PropertyName jackson = super.findNameForDeserialization(a);
      if (jackson != null && !jackson.isEmpty()) {
        return jackson;
      }
      String item = itemName(a);
      return item == null ? jackson : PropertyName.construct(item);
    }

    @Override
    public PropertyName findNameForSerialization(Annotated a) {
      PropertyName jackson = super.findNameForSerialization(a);
      if (jackson != null && !jackson.isEmpty()) {
        return jackson;
      }
      String item = itemName(a);
      return item == null ? jackson : PropertyName.construct(item);
    }

    private static String itemName(Annotated a) {
      if (ITEM == null) {
        return null;
      }
      Annotation annotation = a.getAnnotation(ITEM);
      return annotation == null ? null : value(annotation);
    }

    private static String value(Annotation annotation) {
      for (String name : new String[] {"value", "name"}) {
        try {
          Method m = annotation.annotationType().getMethod(name);
          Object v = m.invoke(annotation);
          if (v instanceof String s && !s.isEmpty()) {
            return s;
          }
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
          // try the next attribute name
        }
      }
      return null;
    }
  }
}
