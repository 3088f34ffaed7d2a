package dev.shuqiao.hub;

/** Small catalog descriptors (YAML) for one provider. */
final class Descriptors {

  private Descriptors() {}

  static String catalog(String... resources) {
    return "version: 1\ncatalog:\n  title: 测试目录\n  description: 测试用目录\n  publisher: 测试单位\nresources:\n"
        + String.join("", resources);
  }

  /** A conditional resource with two items. */
  static String conditional(String code, String providerCode, String name) {
    return resource(code, providerCode, name, "数据库",
        "    sharing:\n      type: 有条件共享\n      conditions: 仅限出生一件事联办。\n      basis: 《柳州市政务数据共享管理办法》\n      method: 接口\n");
  }

  static String unconditional(String code, String providerCode, String name) {
    return resource(code, providerCode, name, "电子表格", "    sharing:\n      type: 无条件共享\n      method: 文件\n");
  }

  static String notShared(String code, String providerCode, String name) {
    return resource(code, providerCode, name, "数据库",
        "    sharing:\n      type: 不予共享\n      basis: 《中华人民共和国个人信息保护法》\n");
  }

  private static String resource(String code, String providerCode, String name, String format, String sharing) {
    String classification = code.substring(0, code.indexOf('/'));
    return "  - code: \"" + code + "\"\n"
        + "    name: " + name + "\n"
        + "    classification:\n      view: 基础\n      code: \"" + classification + "\"\n"
        + "    provider:\n      name: 测试部门\n      code: " + providerCode + "\n"
        + "    abstract: " + name + "的登记信息，供联办使用。\n"
        + "    format: " + format + "\n"
        + "    items:\n      - name: 证明编号\n        type: C\n        length: 10\n"
        + "      - name: 出生体重\n        type: N\n        length: 5\n"
        + sharing
        + "    openness:\n      type: 不予开放\n"
        + "    updateCycle: 实时\n    publishedOn: 2024-03-01\n";
  }
}
