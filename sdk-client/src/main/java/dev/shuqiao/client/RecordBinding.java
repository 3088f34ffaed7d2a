package dev.shuqiao.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.provider.Item;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds exchanged records to a caller's class. Besides Jackson's own annotations it reads the
 * provider annotation {@link Item @Item("item name")}, so one annotated class serves the provider
 * that fills it and the consumer that reads it.
 */
final class RecordBinding {

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

  /** {@code @JsonProperty} first, then the provider's {@code @Item}. */
  static final class ItemIntrospector extends JacksonAnnotationIntrospector {

    private static final long serialVersionUID = 1L;

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
      Item item = a.getAnnotation(Item.class);
      return item == null || item.value().isEmpty() ? null : item.value();
    }
  }
}
