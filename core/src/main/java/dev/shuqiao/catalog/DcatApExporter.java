package dev.shuqiao.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Exports a catalog as DCAT-AP JSON-LD, so European-style portals and harvesters can read it. Every
 * mandatory DCAT-AP property is filled: Catalog (title, description, publisher, dataset), Dataset
 * (title, description), Distribution (accessURL) and, for resources shared through an interface with a
 * declared endpoint, DataService (title, endpointURL).
 *
 * <pre>{@code
 * String jsonLd = DcatApExporter.builder().baseUri(URI.create("https://hub.liuzhou.gov.cn")).build().export(catalog);
 * }</pre>
 *
 * <p>Identifiers are minted under the base URI: {@code <base>/catalog} and
 * {@code <base>/v1/catalog/resources/<url-encoded code>}; a resource without an endpoint is accessed
 * through that hub URL.
 */
public final class DcatApExporter {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/";
  private static final String ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/";
  private static final String LANGUAGE = "zh";

  private final URI baseUri;
  private final ResourceCodeFormat codeFormat;

  private DcatApExporter(Builder builder) {
    this.baseUri = builder.baseUri;
    this.codeFormat = builder.codeFormat;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The catalog as a pretty-printed JSON-LD document. */
  public String export(Catalog catalog) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJsonLd(catalog));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The catalog as a JSON-LD tree. */
  public ObjectNode toJsonLd(Catalog catalog) {
    ObjectNode root = NODES.objectNode();
    ObjectNode context = root.putObject("@context");
    context.put("dcat", "http://www.w3.org/ns/dcat#");
    context.put("dct", "http://purl.org/dc/terms/");
    context.put("foaf", "http://xmlns.com/foaf/0.1/");
    context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
    root.put("@id", base() + "/catalog");
    root.put("@type", "dcat:Catalog");
    root.set("dct:title", text(catalog.info().title()));
    root.set("dct:description", text(catalog.info().description()));
    ObjectNode publisher = root.putObject("dct:publisher");
    publisher.put("@type", "foaf:Agent");
    publisher.set("foaf:name", text(catalog.info().publisher()));
    ArrayNode datasets = root.putArray("dcat:dataset");
    ArrayNode services = root.putArray("dcat:service");
    for (DataResource resource : catalog.resources()) {
      ObjectNode dataset = dataset(resource);
      datasets.add(dataset);
      boolean viaInterface = resource.sharing().method().orElse(null) == SharingMethod.INTERFACE;
      if (viaInterface && resource.endpoint().isPresent()) {
        ObjectNode service = services.addObject();
        service.put("@id", dataset.get("@id").asText() + "#service");
        service.put("@type", "dcat:DataService");
        service.set("dct:title", text(resource.name()));
        service.set("dcat:endpointURL", id(resource.endpoint().get().toString()));
        service.set("dcat:servesDataset", id(dataset.get("@id").asText()));
      }
    }
    return root;
  }

  private ObjectNode dataset(DataResource resource) {
    String code = codeFormat.format(resource.code());
    String datasetId = base() + "/v1/catalog/resources/" + URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20");
    ObjectNode dataset = NODES.objectNode();
    dataset.put("@id", datasetId);
    dataset.put("@type", "dcat:Dataset");
    dataset.put("dct:identifier", code);
    dataset.set("dct:title", text(resource.name()));
    dataset.set("dct:description", text(resource.summary()));
    ObjectNode publisher = dataset.putObject("dct:publisher");
    publisher.put("@type", "foaf:Agent");
    publisher.set("foaf:name", text(resource.provider().name()));
    publisher.put("dct:identifier", resource.provider().code().toString());
    ObjectNode issued = dataset.putObject("dct:issued");
    issued.put("@value", resource.publishedOn().toString());
    issued.put("@type", "xsd:date");
    dataset.set("dct:accrualPeriodicity", id(FREQUENCY + frequency(resource.updateCycle())));
    dataset.set("dct:accessRights", id(ACCESS_RIGHT + accessRight(resource.openness().type())));
    ArrayNode keywords = dataset.putArray("dcat:keyword");
    resource.items().forEach(item -> keywords.add(text(item.name())));
    if (!resource.related().isEmpty()) {
      ArrayNode related = dataset.putArray("dct:relation");
      resource.related().forEach(r -> related.add(r.code()));
    }
    ObjectNode distribution = dataset.putArray("dcat:distribution").addObject();
    distribution.put("@type", "dcat:Distribution");
    distribution.set("dcat:accessURL", id(resource.endpoint().map(URI::toString).orElse(datasetId)));
    distribution.set("dct:format", text(resource.format().chinese()));
    return dataset;
  }

  private String base() {
    String text = baseUri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static ObjectNode text(String value) {
    ObjectNode node = NODES.objectNode();
    node.put("@value", value);
    node.put("@language", LANGUAGE);
    return node;
  }

  private static ObjectNode id(String iri) {
    ObjectNode node = NODES.objectNode();
    node.put("@id", iri);
    return node;
  }

  /** The EU frequency authority table entry for an update cycle. */
  static String frequency(UpdateCycle cycle) {
    switch (cycle) {
      case REAL_TIME:
        return "UPDATE_CONT";
      case DAILY:
        return "DAILY";
      case WEEKLY:
        return "WEEKLY";
      case MONTHLY:
        return "MONTHLY";
      case QUARTERLY:
        return "QUARTERLY";
      case HALF_YEARLY:
        return "ANNUAL_2";
      case YEARLY:
        return "ANNUAL";
      default:
        return "IRREG";
    }
  }

  static String accessRight(OpennessType openness) {
    switch (openness) {
      case UNCONDITIONAL:
        return "PUBLIC";
      case CONDITIONAL:
        return "RESTRICTED";
      default:
        return "NON_PUBLIC";
    }
  }

  /** Builds a {@link DcatApExporter}; the base URI is required. */
  public static final class Builder {
    private URI baseUri;
    private ResourceCodeFormat codeFormat = ResourceCodeFormat.DEFAULT;

    private Builder() {}

    /** Where identifiers are minted, usually the city hub, e.g. {@code https://hub.liuzhou.gov.cn}. */
    public Builder baseUri(URI baseUri) {
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
      return this;
    }

    public Builder codeFormat(ResourceCodeFormat codeFormat) {
      this.codeFormat = Objects.requireNonNull(codeFormat, "codeFormat");
      return this;
    }

    public DcatApExporter build() {
      if (baseUri == null || !baseUri.isAbsolute()) {
        throw new IllegalStateException("baseUri must be set to an absolute URI");
      }
      return new DcatApExporter(this);
    }
  }
}
