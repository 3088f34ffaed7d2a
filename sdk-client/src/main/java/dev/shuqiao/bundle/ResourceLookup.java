package dev.shuqiao.bundle;

import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.DataResource;
import dev.shuqiao.catalog.InformationItem;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a bundle definition's resources are looked up when it is validated: local catalogs
 * ({@link #of(Catalog...)}), or the hub's catalog through the client ({@code ShuqiaoClient}, see
 * {@link BundleDefinition}), or anything else that knows a resource's provider and items.
 *
 * <pre>{@code
 * ResourceLookup lookup = ResourceLookup.of(healthCatalog, policeCatalog);
 * BundleDefinition birth = BundleDefinition.read(Path.of("birth-bundle.yaml"), lookup);
 * }</pre>
 */
@FunctionalInterface
public interface ResourceLookup {

  /** The resource registered under {@code code}, or empty when there is none. */
  Optional<Resource> resource(String code);

  /**
   * What validation needs to know of a resource.
   *
   * @param code the resource code as written in catalogs ({@code 1 01 001/000001})
   * @param providerCode the provider's 统一社会信用代码
   * @param items the names of its information items
   */
  record Resource(String code, String providerCode, Set<String> items) {
    public Resource {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(providerCode, "providerCode");
      items = Set.copyOf(new LinkedHashSet<>(Objects.requireNonNull(items, "items")));
    }
  }

  /** The resources of these catalogs, by their code in the default format. */
  static ResourceLookup of(Catalog... catalogs) {
    Map<String, Resource> byCode = new HashMap<>();
    for (Catalog catalog : List.of(catalogs)) {
      for (DataResource resource : catalog.resources()) {
        Set<String> items = new LinkedHashSet<>();
        for (InformationItem item : resource.items()) {
          items.add(item.name());
        }
        String code = resource.code().toString();
        byCode.put(code, new Resource(code, resource.provider().code().toString(), items));
      }
    }
    Map<String, Resource> frozen = Map.copyOf(byCode);
    return code -> Optional.ofNullable(frozen.get(code));
  }
}
