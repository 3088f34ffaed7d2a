package dev.shuqiao.hub.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shuqiao.hub.internal.store.ResourceRow;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The item names of a resource version, read from its stored descriptor: one reading for grant
 * applications and exchanges alike. (Not cached: several hubs in one JVM — tests, benchmarks — hold
 * the same codes and versions with other descriptors, so a cache must live with one database.)
 */
final class ResourceItems {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ResourceItems() {}

  static Set<String> names(ResourceRow resource) {
    Set<String> names = new HashSet<>();
    try {
      for (JsonNode item : JSON.readTree(resource.descriptor()).path("items")) {
        names.add(item.path("name").asText());
      }
    } catch (IOException e) {
      throw new IllegalStateException("stored descriptor unreadable", e);
    }
    return names;
  }
}
