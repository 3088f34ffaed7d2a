package dev.shuqiao.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogInfo;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.CatalogWriter;
import dev.shuqiao.catalog.Classification;
import dev.shuqiao.catalog.ClassificationCode;
import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.catalog.DataGrade;
import dev.shuqiao.catalog.DataResource;
import dev.shuqiao.catalog.InformationItem;
import dev.shuqiao.catalog.ItemType;
import dev.shuqiao.catalog.MaskingRule;
import dev.shuqiao.catalog.Openness;
import dev.shuqiao.catalog.Provider;
import dev.shuqiao.catalog.RelatedResource;
import dev.shuqiao.catalog.ResourceCode;
import dev.shuqiao.catalog.ResourceCodeFormat;
import dev.shuqiao.catalog.Sharing;
import dev.shuqiao.catalog.SharingMethod;
import dev.shuqiao.catalog.UpdateCycle;
import dev.shuqiao.catalog.ValidationReport;
import java.time.LocalDate;
import org.yaml.snakeyaml.LoaderOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading and validating a catalog of {@code resources} data resources (10,000 by default), next to
 * plain Jackson tree parsing of the same text — the floor any reader pays. The ratio
 * {@code shuqiao*} / {@code jackson*} is the cost of positions plus every validation rule.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CatalogValidation</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CatalogValidationBenchmark {

  @Param("10000")
  public int resources;

  private String json;
  private String yaml;
  private String yamlOutsideBlockSubset;
  private ObjectMapper jsonMapper;
  private ObjectMapper yamlMapper;
  private CatalogReader reader;

  @Setup
  public void setUp() {
    Catalog catalog = catalog(resources);
    json = CatalogWriter.toJson(catalog, ResourceCodeFormat.DEFAULT);
    yaml = CatalogWriter.toYaml(catalog, ResourceCodeFormat.DEFAULT);
    // A document start marker is valid YAML outside the plain block subset, so this text takes the
    // general (Jackson + SnakeYAML) reader: what a descriptor with anchors or flow style pays.
    yamlOutsideBlockSubset = "---\n" + yaml;
    jsonMapper = new ObjectMapper();
    // SnakeYAML refuses documents over 3 MB by default; the reader lifts that limit, so must the baseline.
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    yamlMapper = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
    reader = CatalogReader.create();
    for (String text : List.of(json, yaml, yamlOutsideBlockSubset)) {
      ValidationReport check = reader.read("bench", text);
      if (check.hasErrors() || check.catalog().orElseThrow().resources().size() != resources) {
        throw new IllegalStateException("generated catalog is not valid: " + check.problems());
      }
    }
  }

  @Benchmark
  public JsonNode jacksonTreeJson() throws Exception {
    return jsonMapper.readTree(json);
  }

  @Benchmark
  public ValidationReport shuqiaoValidateJson() {
    return reader.read("bench.json", json);
  }

  @Benchmark
  public JsonNode jacksonTreeYaml() throws Exception {
    return yamlMapper.readTree(yaml);
  }

  @Benchmark
  public ValidationReport shuqiaoValidateYaml() {
    return reader.read("bench.yaml", yaml);
  }

  @Benchmark
  public ValidationReport shuqiaoValidateYamlGeneralReader() {
    return reader.read("bench.yaml", yamlOutsideBlockSubset);
  }

  /** A realistic catalog: 12 items per resource, a third of them personal, related codes resolved. */
  static Catalog catalog(int size) {
    CreditCode provider = CreditCode.parse("11450200075623181Q");
    Catalog.Builder catalog = Catalog.builder(new CatalogInfo("基准目录", "JMH 基准用目录", "柳州市大数据发展局"));
    ClassificationCode classification = new ClassificationCode(List.of("1", "01", "003"));
    for (int i = 0; i < size; i++) {
      ResourceCode code = new ResourceCode(classification, String.format("%06d", i));
      DataResource.Builder resource = DataResource.builder()
          .code(code)
          .name("资源" + i)
          .classification(new Classification(classification.view().orElseThrow(), classification))
          .provider(new Provider("柳州市卫生健康委员会", provider))
          .summary("第 " + i + " 个资源的摘要，用于测量目录校验的速度。")
          .format(dev.shuqiao.catalog.ResourceFormat.DATABASE)
          .sharing(Sharing.conditional("仅限政务服务办理", "《柳州市政务数据共享管理办法》", SharingMethod.INTERFACE))
          .openness(Openness.notOpen())
          .updateCycle(UpdateCycle.DAILY)
          .publishedOn(LocalDate.of(2024, 1, 1));
      for (int j = 0; j < 12; j++) {
        InformationItem.Builder item = InformationItem.builder("信息项" + j, ItemType.CHARACTER).length(50);
        if (j % 3 == 0) {
          item.grade(DataGrade.IMPORTANT).sensitive(true).masking(MaskingRule.ID_NUMBER);
        }
        resource.addItem(item.build());
      }
      if (i > 0) {
        resource.addRelated(new RelatedResource(ResourceCodeFormat.DEFAULT.format(
            new ResourceCode(classification, String.format("%06d", i - 1))), false));
      }
      catalog.addResource(resource.build());
    }
    return catalog.build();
  }
}
