package dev.shuqiao.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.Problem;
import dev.shuqiao.catalog.ValidationReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code catalog validate FILE... [--format text|json]}: prints every problem, exit 1 on any error. */
final class CatalogValidateCommand implements Command {

  @Override
  public String group() {
    return "catalog";
  }

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String usage() {
    return "FILE... [--format text|json]";
  }

  @Override
  public String summary() {
    return "validate catalog descriptors against the national guideline";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Options options = Options.parse(args, List.of("--format"));
    String format = options.value("--format", "text");
    if (!format.equals("text") && !format.equals("json")) {
      throw new UsageException("--format must be text or json, not '" + format + "'");
    }
    List<String> files = options.positional();
    if (files.isEmpty()) {
      throw new UsageException("name at least one catalog file");
    }
    CatalogReader reader = CatalogReader.create();
    List<ValidationReport> reports = new ArrayList<>();
    for (String file : files) {
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        err.println("shuqiao: " + file + ": no such file");
        return ShuqiaoCli.FAILURE;
      }
      reports.add(reader.read(path));
    }
    boolean errors = reports.stream().anyMatch(ValidationReport::hasErrors);
    if (format.equals("json")) {
      out.println(json(reports));
    } else {
      reports.forEach(report -> text(report, out));
    }
    return errors ? FINDINGS : OK;
  }

  private static void text(ValidationReport report, PrintStream out) {
    report.problems().forEach(out::println);
    String verdict = report.hasErrors() ? "INVALID" : "valid";
    String resources = report.catalog().map(c -> c.resources().size() + " resources, ").orElse("");
    out.println(report.source() + ": " + verdict + " (" + resources + report.errors().size() + " errors, "
        + report.warnings().size() + " warnings)");
  }

  private static String json(List<ValidationReport> reports) {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode files = mapper.createArrayNode();
    for (ValidationReport report : reports) {
      ObjectNode file = files.addObject();
      file.put("source", report.source());
      file.put("valid", !report.hasErrors());
      ArrayNode problems = file.putArray("problems");
      for (Problem problem : report.problems()) {
        ObjectNode p = problems.addObject();
        p.put("severity", problem.severity().label());
        p.put("rule", problem.ruleId());
        p.put("path", problem.path());
        p.put("message", problem.message());
        problem.position().ifPresent(pos -> {
          p.put("line", pos.line());
          p.put("column", pos.column());
        });
      }
    }
    return files.toPrettyString();
  }
}
