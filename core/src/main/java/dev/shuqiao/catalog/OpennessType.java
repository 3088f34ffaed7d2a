package dev.shuqiao.catalog;

import java.util.List;

/** Openness to the public (开放属性). */
public enum OpennessType implements CatalogTerm {
  UNCONDITIONAL("无条件开放"),
  CONDITIONAL("有条件开放"),
  NOT_OPEN("不予开放");

  private final String chinese;
  private final List<String> aliases;

  OpennessType(String chinese, String... aliases) {
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
