package dev.shuqiao.catalog;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/** Looks up {@link CatalogTerm} constants by any of their spellings. */
final class Terms {

  private static final Map<Class<?>, Map<String, CatalogTerm>> INDEX = new ConcurrentHashMap<>();

  private Terms() {}

  static <T extends Enum<T> & CatalogTerm> Optional<T> lookup(Class<T> type, String text) {
    CatalogTerm term = INDEX.computeIfAbsent(type, Terms::index).get(normalize(text));
    return Optional.ofNullable(term).map(type::cast);
  }

  /** Every constant with its Chinese term, for "allowed values" hints. */
  static <T extends Enum<T> & CatalogTerm> String allowed(Class<T> type) {
    StringJoiner joiner = new StringJoiner(", ");
    for (T constant : type.getEnumConstants()) {
      joiner.add(constant.name() + " (" + constant.chinese() + ")");
    }
    return joiner.toString();
  }

  private static Map<String, CatalogTerm> index(Class<?> type) {
    Map<String, CatalogTerm> byName = new HashMap<>();
    for (Object constant : type.getEnumConstants()) {
      CatalogTerm term = (CatalogTerm) constant;
      byName.put(normalize(term.name()), term);
      byName.put(normalize(term.chinese()), term);
      for (String alias : term.aliases()) {
        byName.put(normalize(alias), term);
      }
    }
    return Map.copyOf(byName);
  }

  /** Case, surrounding space and '-' versus '_' do not matter: {@code real-time} == {@code REAL_TIME}. */
  private static String normalize(String text) {
    return text.strip().replace('-', '_').replace(' ', '_').toUpperCase(Locale.ROOT);
  }
}
