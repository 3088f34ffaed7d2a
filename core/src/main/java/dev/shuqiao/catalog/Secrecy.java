package dev.shuqiao.catalog;

import java.util.List;

/**
 * 涉密属性, the guideline's secrecy attribute. Only non-secret resources belong in the shared catalog:
 * a resource marked {@link #SECRET} is refused by the validator ({@code secret-resource}) and by
 * {@link DataResource.Builder#build()}, so it never reaches an export, the hub or a grant.
 */
public enum Secrecy implements CatalogTerm {
  NON_SECRET("非涉密", "NOT_SECRET"),
  SECRET("涉密", "CLASSIFIED");

  private final String chinese;
  private final List<String> aliases;

  Secrecy(String chinese, String... aliases) {
    this.chinese = chinese;
    this.aliases = List.of(aliases);
  }

  @Override
  public String chinese() {
    return chinese;
  }

  @Override
  public List<String> aliases() {
    return aliases;
  }
}
