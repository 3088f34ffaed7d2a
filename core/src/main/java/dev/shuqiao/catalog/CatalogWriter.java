package dev.shuqiao.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;

/**
 * Writes a {@link Catalog} as a descriptor (JSON or YAML) that {@link CatalogReader} reads back to an
 * equal catalog.
 */
public final class CatalogWriter {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build());

  private CatalogWriter() {}

  public static String toJson(Catalog catalog, ResourceCodeFormat format) {
    return write(JSON, catalog, format);
  }

  public static String toYaml(Catalog catalog, ResourceCodeFormat format) {
    return write(YAML, catalog, format);
  }

  private static String write(ObjectMapper mapper, Catalog catalog, ResourceCodeFormat format) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree(catalog, format));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // writing a tree of strings to a string cannot fail
    }
  }

  static ObjectNode tree(Catalog catalog, ResourceCodeFormat format) {
    ObjectNode root = NODES.objectNode();
    root.put("version", CatalogBinder.SUPPORTED_VERSION);
    ObjectNode info = root.putObject("catalog");
    info.put("title", catalog.info().title());
    info.put("description", catalog.info().description());
    info.put("publisher", catalog.info().publisher());
    if (catalog.info().level() != CatalogLevel.DEPARTMENT) {
      info.put("level", catalog.info().level().name());
    }
    ArrayNode resources = root.putArray("resources");
    for (DataResource resource : catalog.resources()) {
      resources.add(resource(resource, format));
    }
    return root;
  }

  static ObjectNode resource(DataResource resource, ResourceCodeFormat format) {
    ObjectNode node = NODES.objectNode();
    node.put("code", format.format(resource.code()));
    node.put("name", resource.name());
    ObjectNode classification = node.putObject("classification");
    classification.put("view", resource.classification().view().name());
    classification.put("code", format.format(resource.classification().code()));
    ObjectNode provider = node.putObject("provider");
    provider.put("name", resource.provider().name());
    provider.put("code", resource.provider().code().toString());
    node.put("abstract", resource.summary());
    node.put("format", resource.format().name());
    ArrayNode items = node.putArray("items");
    for (InformationItem item : resource.items()) {
      ObjectNode i = items.addObject();
      i.put("name", item.name());
      i.put("type", item.type().name());
      item.length().ifPresent(length -> i.put("length", length));
      item.description().ifPresent(description -> i.put("description", description));
      i.put("grade", item.grade().name());
      i.put("personal", item.personal());
      i.put("sensitive", item.sensitive());
      item.masking().ifPresent(masking -> i.put("masking", masking.toString()));
    }
    ObjectNode sharing = node.putObject("sharing");
    sharing.put("type", resource.sharing().type().name());
    resource.sharing().conditions().ifPresent(c -> sharing.put("conditions", c));
    resource.sharing().basis().ifPresent(b -> sharing.put("basis", b));
    resource.sharing().method().ifPresent(m -> sharing.put("method", m.name()));
    ObjectNode openness = node.putObject("openness");
    openness.put("type", resource.openness().type().name());
    resource.openness().conditions().ifPresent(c -> openness.put("conditions", c));
    node.put("updateCycle", resource.updateCycle().name());
    node.put("publishedOn", resource.publishedOn().toString());
    if (!resource.related().isEmpty()) {
      ArrayNode related = node.putArray("related");
      for (RelatedResource relation : resource.related()) {
        ObjectNode r = related.addObject();
        r.put("code", relation.code());
        r.put("external", relation.external());
      }
    }
    resource.endpoint().ifPresent(endpoint -> node.put("endpoint", endpoint.toString()));
    return node;
  }
}
