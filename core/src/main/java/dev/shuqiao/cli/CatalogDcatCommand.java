package dev.shuqiao.cli;

import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.DcatApExporter;
import dev.shuqiao.catalog.OpennessType;
import dev.shuqiao.catalog.SharingType;
import dev.shuqiao.catalog.ValidationReport;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code catalog dcat FILE --base-uri URI [--audience public|government]}: prints the catalog as DCAT-AP
 * JSON-LD (valid catalogs only). The base URI is required: an export must not name datasets under a
 * host nobody chose. The default audience is a public portal, which gets only resources that are
 * shared and open to the public (neither 不予共享 nor 不予开放); {@code government} exports every resource
 * of the catalog, for the government extranet.
 */
final class CatalogDcatCommand implements Command {

  @Override
  public String group() {
    return "catalog";
  }

  @Override
  public String name() {
    return "dcat";
  }

  @Override
  public String usage() {
    return "FILE --base-uri URI [--audience public|government]";
  }

  @Override
  public String summary() {
    return "export a valid catalog as DCAT-AP JSON-LD";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Options options = Options.parse(args, List.of("--base-uri", "--audience"));
    List<String> files = options.positional();
    if (files.size() != 1) {
      throw new UsageException("name exactly one catalog file");
    }
    String audience = options.value("--audience", "public");
    if (!audience.equals("public") && !audience.equals("government")) {
      throw new UsageException("--audience must be public or government, not '" + audience + "'");
    }
    String baseText = options.value("--base-uri", null);
    if (baseText == null) {
      throw new UsageException("--base-uri is required: the URI under which the datasets are published,"
          + " e.g. https://hub.liuzhou.gov.cn");
    }
    URI base;
    try {
      base = new URI(baseText);
    } catch (URISyntaxException e) {
      throw new UsageException("--base-uri is not a URI: " + e.getMessage());
    }
    if (!base.isAbsolute()) {
      throw new UsageException("--base-uri must be absolute, e.g. https://hub.liuzhou.gov.cn");
    }
    Path path = Path.of(files.get(0));
    if (!Files.isRegularFile(path)) {
      err.println("shuqiao: " + path + ": no such file");
      return ShuqiaoCli.FAILURE;
    }
    ValidationReport report = CatalogReader.create().read(path);
    if (report.hasErrors()) {
      report.errors().forEach(err::println);
      err.println(path + ": INVALID; fix the errors above before exporting");
      return FINDINGS;
    }
    Catalog catalog = report.catalog().orElseThrow();
    if (audience.equals("public")) {
      catalog = publicPart(catalog);
    }
    out.println(DcatApExporter.builder().baseUri(base).build().export(catalog));
    return OK;
  }

  /** The resources a public portal may list: shared with departments and open to the public. */
  static Catalog publicPart(Catalog catalog) {
    Catalog.Builder open = Catalog.builder(catalog.info());
    catalog.resources().stream()
        .filter(r -> r.sharing().type() != SharingType.NOT_SHARED && r.openness().type() != OpennessType.NOT_OPEN)
        .forEach(open::addResource);
    return open.build();
  }

}
