package dev.shuqiao.catalog;

import java.util.List;

/** Format of a data resource (信息资源格式). */
public enum ResourceFormat implements CatalogTerm {
  ELECTRONIC_FILE("电子文件"),
  SPREADSHEET("电子表格"),
  DATABASE("数据库"),
  IMAGE("图形图像"),
  STREAMING_MEDIA("流媒体"),
  SELF_DESCRIBING("自描述格式"),
  SERVICE_INTERFACE("服务接口", "接口");

  private final String chinese;
  private final List<String> aliases;

  ResourceFormat(String chinese, String... aliases) {
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
