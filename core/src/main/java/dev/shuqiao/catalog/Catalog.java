package dev.shuqiao.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A department's (or a city's) data resource catalog: its description and its resources, in
 * declared order, with unique resource codes.
 *
 * <pre>{@code
 * ValidationReport report = CatalogReader.create().read(Path.of("catalog.yaml"));
 * Catalog catalog = report.catalog().orElseThrow();
 * }</pre>
 */
public final class Catalog {

  private final CatalogInfo info;
  private final List<DataResource> resources;

  private Catalog(CatalogInfo info, List<DataResource> resources) {
    this.info = info;
    this.resources = List.copyOf(resources);
  }

  public static Builder builder(CatalogInfo info) {
    return new Builder(info);
  }

  public CatalogInfo info() {
    return info;
  }

  public List<DataResource> resources() {
    return resources;
  }

  /** The resource with this code. */
  public Optional<DataResource> resource(ResourceCode code) {
    return resources.stream().filter(r -> r.code().equals(code)).findFirst();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Catalog c && c.info.equals(info) && c.resources.equals(resources);
  }

  @Override
  public int hashCode() {
    return Objects.hash(info, resources);
  }

  @Override
  public String toString() {
    return "Catalog[" + info.title() + ", " + resources.size() + " resources]";
  }

  /** Builds a {@link Catalog}. */
  public static final class Builder {
    private final CatalogInfo info;
    private final List<DataResource> resources = new ArrayList<>();

    private Builder(CatalogInfo info) {
      this.info = Objects.requireNonNull(info, "info");
    }

    public Builder addResource(DataResource resource) {
      resources.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /** @throws IllegalStateException if two resources share a code */
    public Catalog build() {
      Set<ResourceCode> codes = new HashSet<>();
      for (DataResource resource : resources) {
        if (!codes.add(resource.code())) {
          throw new IllegalStateException("duplicate resource code " + resource.code());
        }
      }
      return new Catalog(info, resources);
    }
  }
}
