package dev.shuqiao.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A classification code (前段码): 类 (1 digit, the view), 项 (2 digits), 目 (3 digits) and an optional
 * 细目 of one or more digits. Written with the separator of a {@link ResourceCodeFormat}.
 *
 * @param levels the code's levels, most general first; 3 or 4 entries of digits
 */
public record ClassificationCode(List<String> levels) {

  public ClassificationCode {
    levels = List.copyOf(levels);
    if (levels.size() < 3 || levels.size() > 4) {
      throw new IllegalArgumentException("a classification code has 3 or 4 levels, found " + levels.size());
    }
  }

  /** The view that the first digit (类) selects: 1 基础, 2 主题, 3 部门; empty for any other digit. */
  public Optional<ClassificationView> view() {
    switch (levels.get(0)) {
      case "1":
        return Optional.of(ClassificationView.BASIC);
      case "2":
        return Optional.of(ClassificationView.THEME);
      case "3":
        return Optional.of(ClassificationView.DEPARTMENT);
      default:
        return Optional.empty();
    }
  }

  /** The digits without separators, e.g. {@code 101001}. */
  public String digits() {
    return String.join("", levels);
  }

  @Override
  public String toString() {
    return ResourceCodeFormat.DEFAULT.format(this);
  }
}
