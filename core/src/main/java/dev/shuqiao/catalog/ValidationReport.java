package dev.shuqiao.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of reading or validating a catalog: every problem found, in document order, and the
 * catalog itself when there was no error.
 */
public final class ValidationReport {

  private final String source;
  private final List<Problem> problems;
  private final Catalog catalog;

  ValidationReport(String source, List<Problem> problems, Catalog catalog) {
    this.source = source;
    this.problems = List.copyOf(problems);
    this.catalog = catalog;
  }

  /** The file name or label the catalog was read from. */
  public String source() {
    return source;
  }

  /** All problems, errors and warnings. */
  public List<Problem> problems() {
    return problems;
  }

  public List<Problem> errors() {
    return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  /** The catalog, present exactly when {@link #hasErrors()} is false. */
  public Optional<Catalog> catalog() {
    return Optional.ofNullable(catalog);
  }

  @Override
  public String toString() {
    return "ValidationReport[" + source + ": " + errors().size() + " errors, " + warnings().size() + " warnings]";
  }
}
