package dev.shuqiao.catalog;

import java.util.List;

/** The three views of the catalog classification (信息资源分类); the first digit of a classification code names the view. */
public enum ClassificationView implements CatalogTerm {
  BASIC("基础", "基础信息资源"),
  THEME("主题", "主题信息资源"),
  DEPARTMENT("部门", "部门信息资源");

  private final String chinese;
  private final List<String> aliases;

  ClassificationView(String chinese, String... aliases) {
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
