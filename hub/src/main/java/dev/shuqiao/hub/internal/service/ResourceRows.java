package dev.shuqiao.hub.internal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogWriter;
import dev.shuqiao.catalog.DataResource;
import dev.shuqiao.catalog.InformationItem;
import dev.shuqiao.catalog.Problem;
import dev.shuqiao.catalog.ResourceCodeFormat;
import dev.shuqiao.hub.internal.store.ResourceRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns a validated {@link DataResource} into its stored row, and validator problems into problem entries. */
final class ResourceRows {

  static final int MAX_NAME = 200;
  static final int MAX_SUMMARY = 4000;
  private static final int MAX_SEARCH_TEXT = 20000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ResourceCodeFormat format;

  ResourceRows(ResourceCodeFormat format) {
    this.format = format;
  }

  ResourceRow of(Catalog catalog, DataResource resource, int version, String status, Instant now) {
    String code = format.format(resource.code());
    if (resource.name().length() > MAX_NAME) {
      throw HubException.unprocessable("too-long", "name is longer than " + MAX_NAME + " characters", "name");
    }
    if (resource.summary().length() > MAX_SUMMARY) {
      throw HubException.unprocessable("too-long", "abstract is longer than " + MAX_SUMMARY + " characters", "abstract");
    }
    String items = resource.items().stream().map(InformationItem::name).collect(Collectors.joining("\n"));
    String searchText = (resource.name() + "\n" + resource.summary() + "\n" + items).toLowerCase(Locale.ROOT);
    if (searchText.length() > MAX_SEARCH_TEXT) {
      searchText = searchText.substring(0, MAX_SEARCH_TEXT);
    }
    return new ResourceRow(code, resource.provider().code().toString(), resource.name(), resource.summary(),
        resource.sharing().type().name(), format.format(resource.classification().code()), resource.format().name(),
        searchText, version, status, descriptor(catalog, resource), now);
  }

  /** The resource alone, as descriptor JSON (the {@code resources[i]} object). */
  private String descriptor(Catalog catalog, DataResource resource) {
    String json = CatalogWriter.toJson(Catalog.builder(catalog.info()).addResource(resource).build(), format);
    try {
      JsonNode node = JSON.readTree(json).get("resources").get(0);
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the catalog writer produced unreadable JSON", e);
    }
  }

  static Map<String, Object> problem(Problem p) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("path", p.path());
    entry.put("ruleId", p.ruleId());
    entry.put("severity", p.severity().name());
    entry.put("message", p.message());
    p.position().ifPresent(pos -> {
      entry.put("line", pos.line());
      entry.put("column", pos.column());
    });
    return entry;
  }
}
