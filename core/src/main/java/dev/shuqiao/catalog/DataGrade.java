package dev.shuqiao.catalog;

import java.util.List;

/** Data grading under the Data Security Law (数据分级): general, important or core data. */
public enum DataGrade implements CatalogTerm {
  GENERAL("一般", "一般数据"),
  IMPORTANT("重要", "重要数据"),
  CORE("核心", "核心数据");

  private final String chinese;
  private final List<String> aliases;

  DataGrade(String chinese, String... aliases) {
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
