package dev.shuqiao.catalog;

import java.util.Objects;

/**
 * A related resource (关联资源代码). A code in the same catalog is checked to exist; a code of another
 * catalog must be marked {@code external}.
 *
 * @param code the related resource code, as written
 * @param external whether the code belongs to another catalog
 */
public record RelatedResource(String code, boolean external) {

  public RelatedResource {
    Objects.requireNonNull(code, "code");
  }
}
