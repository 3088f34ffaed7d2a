package dev.shuqiao.provider;

import dev.shuqiao.catalog.DataResource;
import dev.shuqiao.catalog.InformationItem;
import dev.shuqiao.catalog.MaskingRule;
import dev.shuqiao.crypto.PseudonymKey;
import java.lang.reflect.InaccessibleObjectException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a handler returned into the records that may leave (docs/exchange.md §7): of each
 * record only the ticket's items, in ticket order, values as JSON scalars, each masked by its
 * catalog rule, or fully when only the field's {@link Masked} asks for masking (or the provider's
 * catalog does not know the item).
 */
final class RecordShaper {

  private final DataResource resource;
  private final PseudonymKey pseudonymKey;

  RecordShaper(DataResource resource, PseudonymKey pseudonymKey) {
    this.resource = resource;
    this.pseudonymKey = pseudonymKey;
  }

  List<Map<String, Object>> shape(List<?> records, List<String> items) {
    List<Map<String, Object>> shaped = new ArrayList<>(records.size());
    for (Object record : records) {
      if (record == null) {
        throw new IllegalArgumentException("the handler returned a null record");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (String item : items) {
        read(record, item).ifPresent(value -> out.put(item, value.value() == null ? null
            : mask(item, scalar(value.value()), value.masked())));
      }
      shaped.add(out);
    }
    return shaped;
  }

  /** A value found for an item, and whether its field asks for masking. */
  private record Found(Object value, boolean masked) {}

  private static Optional<Found> read(Object record, String item) {
    if (record instanceof Map<?, ?> map) {
      return map.containsKey(item) ? Optional.of(new Found(map.get(item), false)) : Optional.empty();
    }
    RecordBinding.Binding binding = RecordBinding.of(record.getClass()).binding(item);
    if (binding == null) {
      return Optional.empty();
    }
    try {
      binding.field().setAccessible(true);
      return Optional.of(new Found(binding.field().get(record), binding.masked()));
    } catch (IllegalAccessException | InaccessibleObjectException e) {
      throw new IllegalStateException("field " + binding.field().getName() + " of "
          + record.getClass().getName() + " cannot be read; open its package to dev.shuqiao.provider", e);
    }
  }

  /** A JSON scalar: strings, booleans and numbers as they are, anything else as its text. */
  private static Object scalar(Object value) {
    if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte || value instanceof BigDecimal
        || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof Double d && Double.isFinite(d) || value instanceof Float f && Float.isFinite(f)) {
      return value;
    }
    if (value instanceof Character || value instanceof Enum<?> || value instanceof CharSequence
        || value instanceof java.time.temporal.TemporalAccessor || value instanceof Number) {
      return value.toString();
    }
    throw new IllegalArgumentException("a record value of type " + value.getClass().getName()
        + " is not a string, number, boolean or date; convert it in the handler");
  }

  private Object mask(String item, Object value, boolean fieldMasked) {
    Optional<InformationItem> known = resource.item(item);
    Optional<MaskingRule> rule = known.flatMap(InformationItem::masking);
    if (rule.isEmpty() && !fieldMasked && known.isPresent()) {
      return value;
    }
    // An item this provider's catalog does not know has no known rule: fail closed, mask it all.
    MaskingRule applied = rule.orElse(MaskingRule.FULL);
    String text = value.toString();
    if (applied.pseudonym()) {
      return text.isBlank() ? text : pseudonymKey.pseudonym(item, text);
    }
    return applied.apply(text);
  }
}
