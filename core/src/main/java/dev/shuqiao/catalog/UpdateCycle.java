package dev.shuqiao.catalog;

import java.util.List;

/** Update cycle (更新周期) of a data resource. */
public enum UpdateCycle implements CatalogTerm {
  REAL_TIME("实时"),
  DAILY("每日", "每天"),
  WEEKLY("每周"),
  MONTHLY("每月"),
  QUARTERLY("每季度"),
  HALF_YEARLY("每半年"),
  YEARLY("每年"),
  IRREGULAR("不定期");

  private final String chinese;
  private final List<String> aliases;

  UpdateCycle(String chinese, String... aliases) {
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
