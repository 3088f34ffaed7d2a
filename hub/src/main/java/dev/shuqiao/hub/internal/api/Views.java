package dev.shuqiao.hub.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.hub.internal.service.DepartmentService;
import dev.shuqiao.hub.internal.store.DepartmentRow;
import dev.shuqiao.hub.internal.store.GrantRow;
import dev.shuqiao.hub.internal.store.ResourceRow;
import dev.shuqiao.hub.internal.store.ResourceVersionRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON shapes of the API (see docs/hub-api.md). */
final class Views {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Views() {}

  static ObjectNode department(DepartmentService.Shown shown) {
    DepartmentRow d = shown.row();
    ObjectNode node = NODES.objectNode();
    node.put("code", d.code());
    node.put("name", d.name());
    node.put("endpointUrl", d.endpointUrl());
    node.put("status", shown.status());
    node.put("suspended", shown.suspended());
    node.put("certificatePem", d.certificatePem());
    node.put("certificateNotAfter", shown.certificateNotAfter().toString());
    node.put("createdAt", d.createdAt().toString());
    node.put("updatedAt", d.updatedAt().toString());
    return node;
  }

  static ObjectNode resource(ResourceRow r, boolean withDescriptor) {
    ObjectNode node = NODES.objectNode();
    node.put("code", r.code());
    node.put("name", r.name());
    node.put("providerCode", r.providerCode());
    node.put("abstract", r.summary());
    node.put("sharingType", r.sharingType());
    node.put("classification", r.classification());
    node.put("format", r.format());
    node.put("version", r.version());
    node.put("status", r.status());
    node.put("updatedAt", r.updatedAt().toString());
    if (withDescriptor) {
      node.set("descriptor", tree(r.descriptor()));
    }
    return node;
  }

  static ObjectNode version(ResourceVersionRow v) {
    ObjectNode node = NODES.objectNode();
    node.put("version", v.version());
    node.put("change", v.changeKind());
    node.put("changedBy", v.changedBy());
    node.put("changedAt", v.changedAt().toString());
    node.set("descriptor", tree(v.descriptor()));
    return node;
  }

  static ObjectNode grant(GrantRow g, Instant now) {
    ObjectNode node = NODES.objectNode();
    node.put("id", g.id());
    node.put("resourceCode", g.resourceCode());
    node.put("consumerCode", g.consumerCode());
    node.put("providerCode", g.providerCode());
    ArrayNode items = node.putArray("items");
    g.items().forEach(items::add);
    node.put("purpose", g.purpose());
    node.put("legalBasis", g.legalBasis());
    node.put("validFrom", g.validFrom().toString());
    node.put("validUntil", g.validUntil().toString());
    node.put("status", g.effectiveStatus(now));
    node.put("reason", g.reason());
    node.put("decidedBy", g.decidedBy());
    node.put("decidedAt", g.decidedAt() == null ? null : g.decidedAt().toString());
    node.put("createdAt", g.createdAt().toString());
    node.put("decideBy", g.decideBy() == null ? null : g.decideBy().toString());
    node.put("overdue", g.overdue(now));
    return node;
  }

  /** A page: {@code items} (at most {@code size}, from {@code size + 1} fetched rows), {@code hasMore}. */
  static <T> ObjectNode page(List<T> rows, int page, int size, Function<T, ObjectNode> view) {
    ObjectNode node = NODES.objectNode();
    ArrayNode items = node.putArray("items");
    rows.stream().limit(size).map(view).forEach(items::add);
    node.put("page", page);
    node.put("size", size);
    node.put("hasMore", rows.size() > size);
    return node;
  }

  static ObjectNode facets(Map<String, Map<String, Long>> facets) {
    ObjectNode node = NODES.objectNode();
    facets.forEach((name, counts) -> {
      ObjectNode facet = node.putObject(name);
      counts.forEach(facet::put);
    });
    return node;
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return Body.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored descriptor is not JSON", e);
    }
  }
}
