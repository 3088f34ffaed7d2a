package dev.shuqiao.catalog;

import java.util.Objects;

/**
 * What describes a catalog as a whole; these become the DCAT-AP catalog's mandatory fields.
 *
 * @param title e.g. 柳州市卫生健康委员会政务信息资源目录
 * @param description what the catalog covers
 * @param publisher the department publishing it
 */
public record CatalogInfo(String title, String description, String publisher) {

  public CatalogInfo {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(publisher, "publisher");
  }
}
