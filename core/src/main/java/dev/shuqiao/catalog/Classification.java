package dev.shuqiao.catalog;

import java.util.Objects;

/**
 * Where a resource sits in the catalog classification (信息资源分类).
 *
 * @param view 基础, 主题 or 部门; agrees with the first digit of {@code code}
 * @param code the classification code (前段码)
 */
public record Classification(ClassificationView view, ClassificationCode code) {

  public Classification {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(code, "code");
  }
}
