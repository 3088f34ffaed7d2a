package dev.shuqiao.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shuqiao.client.model.CatalogResource;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.client.model.GrantStatus;
import dev.shuqiao.client.model.Page;
import dev.shuqiao.client.model.RegisteredDepartment;
import dev.shuqiao.client.model.ResourceVersion;
import dev.shuqiao.client.model.SearchPage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** JSON of the hub API to and from the model records. */
final class Codec {

  static final ObjectMapper JSON = new ObjectMapper();

  private Codec() {}

  static JsonNode tree(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new ShuqiaoException("the hub answered with unreadable JSON", 200, "unreadable-response", null, e);
    }
  }

  static byte[] bytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode the request", e);
    }
  }

  static RegisteredDepartment department(JsonNode n) {
    return new RegisteredDepartment(n.path("code").asText(), n.path("name").asText(), n.path("endpointUrl").asText(),
        n.path("status").asText(), n.path("certificatePem").asText(), instant(n, "createdAt"), instant(n, "updatedAt"),
        n.path("suspended").asBoolean("SUSPENDED".equals(n.path("status").asText())),
        n.hasNonNull("certificateNotAfter") ? instant(n, "certificateNotAfter") : null);
  }

  static CatalogResource resource(JsonNode n) {
    JsonNode descriptor = n.get("descriptor");
    return new CatalogResource(n.path("code").asText(), n.path("name").asText(), n.path("providerCode").asText(),
        n.path("abstract").asText(), n.path("sharingType").asText(), n.path("classification").asText(),
        n.path("format").asText(), n.path("version").asInt(), n.path("status").asText(), instant(n, "updatedAt"),
        descriptor == null ? Optional.empty() : Optional.of(descriptor.toString()));
  }

  static ResourceVersion version(JsonNode n) {
    return new ResourceVersion(n.path("version").asInt(), n.path("change").asText(), n.path("changedBy").asText(),
        instant(n, "changedAt"), n.path("descriptor").toString());
  }

  static Grant grant(JsonNode n) {
    List<String> items = new ArrayList<>();
    n.path("items").forEach(i -> items.add(i.asText()));
    return new Grant(n.path("id").asText(), n.path("resourceCode").asText(), n.path("consumerCode").asText(),
        n.path("providerCode").asText(), items, n.path("purpose").asText(), n.path("legalBasis").asText(),
        instant(n, "validFrom"), instant(n, "validUntil"), GrantStatus.valueOf(n.path("status").asText()),
        text(n, "reason"), text(n, "decidedBy"), text(n, "decidedAt").map(Instant::parse), instant(n, "createdAt"),
        text(n, "decideBy").map(Instant::parse), n.path("overdue").asBoolean(false));
  }

  static <T> Page<T> page(JsonNode n, Function<JsonNode, T> item) {
    return new Page<>(list(n.path("items"), item), n.path("page").asInt(), n.path("size").asInt(),
        n.path("hasMore").asBoolean());
  }

  static SearchPage searchPage(JsonNode n) {
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    n.path("facets").properties().forEach(facet -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      facet.getValue().properties().forEach(c -> counts.put(c.getKey(), c.getValue().asLong()));
      facets.put(facet.getKey(), Map.copyOf(counts));
    });
    return new SearchPage(list(n.path("items"), Codec::resource), n.path("page").asInt(), n.path("size").asInt(),
        n.path("hasMore").asBoolean(), n.path("total").asLong(), facets);
  }

  static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
    List<T> items = new ArrayList<>();
    array.forEach(node -> items.add(item.apply(node)));
    return items;
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode value = n.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  private static Instant instant(JsonNode n, String field) {
    return Instant.parse(n.path(field).asText());
  }
}
