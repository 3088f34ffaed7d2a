package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DCAT-AP export parses back as JSON-LD with every mandatory property filled. */
class DcatApExporterTest {

  private static final URI HUB = URI.create("https://hub.liuzhou.example.gov.cn/");

  private final Catalog catalog = CatalogReader.create()
      .read(Path.of("../examples/catalogs/birth-catalog.yaml")).catalog().orElseThrow();

  private JsonNode export() throws Exception {
    return new ObjectMapper().readTree(DcatApExporter.builder().baseUri(HUB).build().export(catalog));
  }

  @Test
  void catalog_hasTitleDescriptionPublisherAndDatasets() throws Exception {
    JsonNode root = export();

    assertThat(root.path("@context").path("dcat").asText()).isEqualTo("http://www.w3.org/ns/dcat#");
    assertThat(root.path("@context").path("dct").asText()).isEqualTo("http://purl.org/dc/terms/");
    assertThat(root.path("@type").asText()).isEqualTo("dcat:Catalog");
    assertThat(root.path("@id").asText()).isEqualTo("https://hub.liuzhou.example.gov.cn/catalog");
    assertThat(root.path("dct:title").path("@value").asText()).isEqualTo(catalog.info().title());
    assertThat(root.path("dct:description").path("@value").asText()).isEqualTo(catalog.info().description());
    assertThat(root.path("dct:publisher").path("foaf:name").path("@value").asText()).isEqualTo(catalog.info().publisher());
    assertThat(root.path("dcat:dataset")).hasSize(catalog.resources().size());
  }

  @Test
  void everyDataset_hasTitleDescriptionIdentifierAndADistributionWithAccessUrl() throws Exception {
    JsonNode datasets = export().path("dcat:dataset");

    for (int i = 0; i < catalog.resources().size(); i++) {
      DataResource resource = catalog.resources().get(i);
      JsonNode dataset = datasets.get(i);
      assertThat(dataset.path("@type").asText()).isEqualTo("dcat:Dataset");
      assertThat(dataset.path("dct:identifier").asText()).isEqualTo(resource.code().toString());
      assertThat(dataset.path("dct:title").path("@value").asText()).isEqualTo(resource.name());
      assertThat(dataset.path("dct:description").path("@value").asText()).isEqualTo(resource.summary());
      assertThat(dataset.path("dct:publisher").path("dct:identifier").asText())
          .isEqualTo(resource.provider().code().toString());
      assertThat(dataset.path("dct:issued").path("@value").asText()).isEqualTo(resource.publishedOn().toString());
      JsonNode distribution = dataset.path("dcat:distribution").get(0);
      assertThat(distribution.path("@type").asText()).isEqualTo("dcat:Distribution");
      assertThat(URI.create(distribution.path("dcat:accessURL").path("@id").asText()).isAbsolute()).isTrue();
    }
  }

  @Test
  void interfaceResourceWithEndpoint_isADataServiceServingItsDataset() throws Exception {
    JsonNode root = export();
    List<String> endpoints = new ArrayList<>();
    root.path("dcat:service").forEach(service -> {
      assertThat(service.path("@type").asText()).isEqualTo("dcat:DataService");
      assertThat(service.path("dct:title").path("@value").asText()).isNotBlank();
      endpoints.add(service.path("dcat:endpointURL").path("@id").asText());
    });

    assertThat(endpoints).containsExactly("https://wjw.liuzhou.example.gov.cn/shuqiao/birth-certificates");
    String served = root.path("dcat:service").get(0).path("dcat:servesDataset").path("@id").asText();
    assertThat(root.path("dcat:dataset").get(0).path("@id").asText()).isEqualTo(served);
    assertThat(served).isEqualTo("https://hub.liuzhou.example.gov.cn/v1/catalog/resources/1%2001%20003%2F000001");
  }

  @Test
  void resourceWithoutEndpoint_isAccessedThroughTheHub() throws Exception {
    JsonNode household = export().path("dcat:dataset").get(1);

    assertThat(household.path("dcat:distribution").get(0).path("dcat:accessURL").path("@id").asText())
        .isEqualTo(household.path("@id").asText());
  }

  @Test
  void opennessAndUpdateCycle_mapToTheEuVocabularies() throws Exception {
    JsonNode birth = export().path("dcat:dataset").get(0);

    assertThat(birth.path("dct:accessRights").path("@id").asText())
        .isEqualTo("http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC");
    assertThat(birth.path("dct:accrualPeriodicity").path("@id").asText())
        .isEqualTo("http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT");
    assertThat(DcatApExporter.accessRight(OpennessType.UNCONDITIONAL)).isEqualTo("PUBLIC");
    for (UpdateCycle cycle : UpdateCycle.values()) {
      assertThat(DcatApExporter.frequency(cycle)).matches("[A-Z_0-9]+");
    }
  }

  @Test
  void builder_requiresAnAbsoluteBaseUri() {
    assertThatThrownBy(() -> DcatApExporter.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> DcatApExporter.builder().baseUri(URI.create("hub/")).build())
        .isInstanceOf(IllegalStateException.class);
  }
}
