package dev.shuqiao.catalog;

import java.util.Objects;

/**
 * What describes a catalog as a whole; title, description and publisher become the DCAT-AP catalog's
 * mandatory fields.
 *
 * @param title e.g. 柳州市卫生健康委员会政务信息资源目录
 * @param description what the catalog covers
 * @param publisher the department publishing it
 * @param level 目录级别: a department's own catalog or the national one
 */
public record CatalogInfo(String title, String description, String publisher, CatalogLevel level) {

  public CatalogInfo {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(level, "level");
  }

  /** A department catalog ({@link CatalogLevel#DEPARTMENT}). */
  public CatalogInfo(String title, String description, String publisher) {
    this(title, description, publisher, CatalogLevel.DEPARTMENT);
  }
}
