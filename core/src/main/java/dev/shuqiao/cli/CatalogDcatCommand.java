package dev.shuqiao.cli;

import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.DcatApExporter;
import dev.shuqiao.catalog.ValidationReport;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code catalog dcat FILE --base-uri URI}: prints the catalog as DCAT-AP JSON-LD (valid catalogs only). */
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
    return "FILE --base-uri URI";
  }

  @Override
  public String summary() {
    return "export a valid catalog as DCAT-AP JSON-LD";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Options options = Options.parse(args, List.of("--base-uri"));
    List<String> files = options.positional();
    if (files.size() != 1) {
      throw new UsageException("name exactly one catalog file");
    }
    URI base;
    try {
      base = new URI(options.value("--base-uri", "https://hub.example.gov.cn"));
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
    out.println(DcatApExporter.builder().baseUri(base).build().export(report.catalog().orElseThrow()));
    return OK;
  }
}
