package dev.shuqiao.catalog;

import java.util.Objects;

/**
 * The department that provides a resource (提供方).
 *
 * @param name the department's name, e.g. 柳州市卫生健康委员会
 * @param code its 统一社会信用代码 (提供方代码)
 */
public record Provider(String name, CreditCode code) {

  public Provider {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(code, "code");
  }
}
