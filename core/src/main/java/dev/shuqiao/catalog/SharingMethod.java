package dev.shuqiao.catalog;

import java.util.List;

/** How a shared resource is delivered (共享方式). */
public enum SharingMethod implements CatalogTerm {
  INTERFACE("接口", "接口共享", "服务接口", "API"),
  FILE("文件", "文件下载"),
  DATABASE("数据库", "库表", "数据库交换");

  private final String chinese;
  private final List<String> aliases;

  SharingMethod(String chinese, String... aliases) {
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
