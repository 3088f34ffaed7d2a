package dev.shuqiao.catalog;

import java.util.List;

/**
 * The level of a 政务信息资源目录 (guideline §4): a department compiles its own (部门), and the
 * national catalog (国家) gathers the departments'. A descriptor without {@code catalog.level} is a
 * department catalog.
 */
public enum CatalogLevel implements CatalogTerm {
  DEPARTMENT("部门"),
  NATIONAL("国家");

  private final String chinese;
  private final List<String> aliases;

  CatalogLevel(String chinese, String... aliases) {
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
