package dev.shuqiao.catalog;

import java.util.List;

/** Sharing type (共享类型) under 国发〔2016〕51号: sharing is the default, restriction needs a basis. */
public enum SharingType implements CatalogTerm {
  UNCONDITIONAL("无条件共享"),
  CONDITIONAL("有条件共享"),
  NOT_SHARED("不予共享");

  private final String chinese;
  private final List<String> aliases;

  SharingType(String chinese, String... aliases) {
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
