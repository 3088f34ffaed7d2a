package dev.shuqiao.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.Problem;
import dev.shuqiao.catalog.ValidationReport;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code catalog validate FILE... [--format text|json] [--lang en|zh-CN]}: prints every problem of every file, exit 1 on
 * any error, 3 if a file could not be read (the others are still validated and, with {@code --format
 * json}, the output is JSON all the same).
 */
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
    return "FILE... [--format text|json] [--lang en|zh-CN]";
  }

  @Override
  public String summary() {
    return "validate catalog descriptors against the national guideline";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Options options = Options.parse(args, List.of("--format", "--lang"));
    String format = options.value("--format", "text");
    if (!format.equals("text") && !format.equals("json")) {
      throw new UsageException("--format must be text or json, not '" + format + "'");
    }
    String lang = options.value("--lang", "en");
    if (!lang.equals("en") && !lang.equals("zh-CN")) {
      throw new UsageException("--lang must be en or zh-CN, not '" + lang + "'");
    }
    Locale locale = Locale.forLanguageTag(lang);
    List<String> files = options.positional();
    if (files.isEmpty()) {
      throw new UsageException("name at least one catalog file");
    }
    CatalogReader reader = CatalogReader.create();
    List<ValidationReport> reports = new ArrayList<>();
    List<String> order = new ArrayList<>(); // the files as named, so JSON lists them in that order
    Map<String, String> unreadable = new LinkedHashMap<>();
    for (String file : files) {
      // One file that cannot be read is reported and the others are still validated.
      Path path = Path.of(file);
      order.add(file);
      if (!Files.isRegularFile(path)) {
        unreadable.put(file, "no such file");
        continue;
      }
      try {
        reports.add(reader.read(path));
      } catch (UncheckedIOException e) {
        unreadable.put(file, e.getMessage());
      }
    }
    unreadable.forEach((file, why) -> err.println("shuqiao: " + file + ": " + why));
    boolean errors = reports.stream().anyMatch(ValidationReport::hasErrors);
    if (format.equals("json")) {
      out.println(json(order, reports, unreadable, locale));
    } else {
      reports.forEach(report -> text(report, out, locale));
    }
    return !unreadable.isEmpty() ? ShuqiaoCli.FAILURE : errors ? FINDINGS : OK;
  }

  private static void text(ValidationReport report, PrintStream out, Locale locale) {
    report.problems().forEach(problem -> out.println(problem.toString(locale)));
    String verdict = report.hasErrors() ? "INVALID" : "valid";
    String resources = report.catalog().map(c -> c.resources().size() + " resources, ").orElse("");
    out.println(report.source() + ": " + verdict + " (" + resources + report.errors().size() + " errors, "
        + report.warnings().size() + " warnings)");
  }

  private static String json(List<String> order, List<ValidationReport> reports, Map<String, String> unreadable,
      Locale locale) {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode files = mapper.createArrayNode();
    java.util.Iterator<ValidationReport> read = reports.iterator();
    for (String source : order) {
      if (unreadable.containsKey(source)) {
        ObjectNode file = files.addObject();
        file.put("source", source);
        file.put("valid", false);
        file.put("error", unreadable.get(source));
        file.putArray("problems");
        continue;
      }
      ValidationReport report = read.next();
      ObjectNode file = files.addObject();
      file.put("source", report.source());
      file.put("valid", !report.hasErrors());
      ArrayNode problems = file.putArray("problems");
      for (Problem problem : report.problems()) {
        ObjectNode p = problems.addObject();
        p.put("severity", problem.severity().label());
        p.put("rule", problem.ruleId());
        p.put("path", problem.path());
        p.put("message", problem.message(locale));
        problem.resourceCode().ifPresent(code -> p.put("resourceCode", code));
        problem.resourceName().ifPresent(name -> p.put("resourceName", name));
        problem.position().ifPresent(pos -> {
          p.put("line", pos.line());
          p.put("column", pos.column());
        });
      }
    }
    return files.toPrettyString();
  }
}
