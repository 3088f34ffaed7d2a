package dev.shuqiao.client.model;

import java.util.List;
import java.util.Map;

/**
 * One page of catalog search results, the total number of matches and facet counts over all of them
 * ({@code sharingType}, {@code format}, {@code classification}, {@code provider} → value → count).
 */
public record SearchPage(List<CatalogResource> items, int page, int size, boolean hasMore, long total,
    Map<String, Map<String, Long>> facets) {

  public SearchPage {
    items = List.copyOf(items);
    facets = Map.copyOf(facets);
  }
}
