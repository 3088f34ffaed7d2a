package dev.shuqiao.catalog;

import java.util.List;

/**
 * A closed vocabulary term of the national catalog guideline. Descriptors may spell a term by its
 * English constant name ({@code CONDITIONAL}), its Chinese term ({@code 有条件共享}) or any listed alias.
 */
public interface CatalogTerm {

  /** The constant name, as written in English descriptors. */
  String name();

  /** The term as the national guideline writes it. */
  String chinese();

  /** Other accepted spellings (e.g. the single-letter data type codes); empty by default. */
  default List<String> aliases() {
    return List.of();
  }
}
