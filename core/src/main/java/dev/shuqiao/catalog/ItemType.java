package dev.shuqiao.catalog;

import java.util.List;

/**
 * Data type of an information item (信息项数据类型), with the guideline's one-letter code. Character and
 * numeric items must declare a length.
 */
public enum ItemType implements CatalogTerm {
  CHARACTER('C', "字符型", true),
  NUMERIC('N', "数值型", true),
  CURRENCY('Y', "货币型", false),
  DATE('D', "日期型", false),
  DATETIME('T', "日期时间型", false),
  LOGICAL('L', "逻辑型", false),
  MEMO('M', "备注型", false),
  GENERAL('G', "通用型", false),
  DOUBLE('B', "双精度型", false),
  INTEGER('I', "整型", false),
  FLOAT('F', "浮点型", false);

  private final char code;
  private final String chinese;
  private final boolean lengthRequired;

  ItemType(char code, String chinese, boolean lengthRequired) {
    this.code = code;
    this.chinese = chinese;
    this.lengthRequired = lengthRequired;
  }

  /** The guideline's one-letter code, e.g. {@code C} for 字符型. */
  public char code() {
    return code;
  }

  @Override
  public String chinese() {
    return chinese;
  }

  @Override
  public List<String> aliases() {
    return List.of(String.valueOf(code));
  }

  /** Whether an item of this type must declare its length. */
  public boolean lengthRequired() {
    return lengthRequired;
  }
}
