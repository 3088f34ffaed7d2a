package dev.shuqiao.catalog;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads catalog descriptors ({@code catalog.yaml}, or JSON) and validates them against the national
 * guideline, reporting all problems at once with their positions. Immutable and thread-safe.
 *
 * <pre>{@code
 * ValidationReport report = CatalogReader.create().read(Path.of("catalog.yaml"));
 * report.problems().forEach(System.out::println);   // catalog.yaml:12:7: error [credit-code] ...
 * Catalog catalog = report.catalog().orElseThrow();
 * }</pre>
 */
public final class CatalogReader {

  private final ResourceCodeFormat codeFormat;
  private final Clock clock;

  private CatalogReader(Builder builder) {
    this.codeFormat = builder.codeFormat;
    this.clock = builder.clock;
  }

  /** A reader with the default {@link ResourceCodeFormat} and the system clock. */
  public static CatalogReader create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public ResourceCodeFormat codeFormat() {
    return codeFormat;
  }

  /**
   * Reads and validates a descriptor file, which must be UTF-8 (a byte order mark is allowed; another
   * encoding is a problem naming it). The file name decides nothing: content starting with '{' is read
   * as JSON, anything else as YAML.
   *
   * @throws UncheckedIOException if the file cannot be read at all (missing, unreadable)
   */
  public ValidationReport read(Path file) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > DescriptorParser.MAX_DOCUMENT_CHARS) {
        return new ValidationReport(file.toString(), List.of(new Problem("", CatalogRule.PARSE_ERROR, "the file has "
            + size + " bytes; a descriptor may have at most " + DescriptorParser.MAX_DOCUMENT_CHARS
            + " — split the catalog by department", new SourcePosition(file.toString(), 1, 1))), null);
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read catalog " + file + ": " + e.getMessage(), e);
    }
    List<Problem> encoding = new ArrayList<>(1);
    String content = DescriptorEncoding.decode(file.toString(), bytes, encoding::add);
    if (content == null) {
      return new ValidationReport(file.toString(), encoding, null);
    }
    return read(file.toString(), content);
  }

  /** Reads and validates descriptor text; {@code source} labels positions in problems. */
  public ValidationReport read(String source, String content) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(content, "content");
    boolean json = looksLikeJson(content);
    if (json && content.startsWith("\uFEFF")) {
      content = content.substring(1); // a byte order mark: allowed before UTF-8 JSON, which Jackson refuses
    }
    if (!json) {
      // Plain block YAML (nearly every hand-written descriptor) has a reader of its own that is several
      // times faster than the general one; anything else falls through to the general reader.
      List<Problem> problems = new ArrayList<>();
      CatalogBinder binder = new CatalogBinder(codeFormat, LocalDate.now(clock));
      Node root = BlockYamlReader.read(source, content, problems::add, binder::resource);
      if (root != null) {
        return report(source, root, binder, problems);
      }
    }
    return read(source, new StringReader(content), json);
  }

  private ValidationReport read(String source, Reader content, boolean json) {
    List<Problem> problems = new ArrayList<>();
    CatalogBinder binder = new CatalogBinder(codeFormat, LocalDate.now(clock));
    Node root = DescriptorParser.parse(source, content, json, problems::add, binder::resource);
    if (root == null) {
      // A malformed document: what was bound before the syntax error would only distract from it.
      return new ValidationReport(source, problems.subList(problems.size() - 1, problems.size()), null);
    }
    return report(source, root, binder, problems);
  }

  private static ValidationReport report(String source, Node root, CatalogBinder binder, List<Problem> problems) {
    Catalog catalog = binder.finish(root);
    problems.addAll(binder.problems());
    // Cross-resource checks run last; report in document order all the same.
    problems.sort(Comparator.comparingInt((Problem p) -> p.position().map(SourcePosition::line).orElse(0))
        .thenComparingInt(p -> p.position().map(SourcePosition::column).orElse(0)));
    // The binder returns a catalog only without errors of its own; the parser's (duplicate keys) count too.
    boolean errors = problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    return new ValidationReport(source, problems, errors ? null : catalog);
  }

  /**
   * Validates a catalog built in code with the same rules as a file (cross-references, dates,
   * consistency). Problems carry paths but no positions.
   */
  public ValidationReport validate(Catalog catalog) {
    String json = CatalogWriter.toJson(catalog, codeFormat);
    ValidationReport fromText = read("<catalog>", new StringReader(json), true);
    List<Problem> withoutPositions = fromText.problems().stream()
        .map(Problem::withoutPosition).toList();
    return new ValidationReport("<catalog>", withoutPositions, fromText.hasErrors() ? null : catalog);
  }

  private static boolean looksLikeJson(String content) {
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c == '\uFEFF' || Character.isWhitespace(c)) {
        continue;
      }
      return c == '{';
    }
    return false;
  }

  /** Builds a {@link CatalogReader}. */
  public static final class Builder {
    private ResourceCodeFormat codeFormat = ResourceCodeFormat.DEFAULT;
    private Clock clock = Clock.systemDefaultZone();

    private Builder() {}

    /** How resource codes are written on this platform; {@link ResourceCodeFormat#DEFAULT} if unset. */
    public Builder codeFormat(ResourceCodeFormat codeFormat) {
      this.codeFormat = Objects.requireNonNull(codeFormat, "codeFormat");
      return this;
    }

    /** The clock that decides "today" for future-date checks. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public CatalogReader build() {
      return new CatalogReader(this);
    }
  }
}
