package dev.shuqiao.compliance;

import dev.shuqiao.catalog.Catalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What rules look at for one module: its compiled classes, its catalog, its resolved dependencies;
 * and where they report. Analyses that several rules share (such as the bytecode dataflow) are
 * computed once per context through {@link #shared(Class, Function)}.
 *
 * <pre>{@code
 * RuleContext context = RuleContext.builder()
 *     .addClassDirectory(Path.of("target/classes"))
 *     .catalog(catalog, "src/main/shuqiao/catalog.yaml")
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe: rules may run concurrently on one context.
 */
public final class RuleContext {

  private final List<Path> classDirectories;
  private final Catalog catalog;
  private final String catalogFile;
  private final List<Dependency> dependencies;
  /** Guarded by itself; a plain map because one shared analysis may ask for another while computed. */
  private final Map<Class<?>, Object> shared = new HashMap<>();
  private final List<Finding> findings = new ArrayList<>();

  private RuleContext(Builder builder) {
    this.classDirectories = List.copyOf(builder.classDirectories);
    this.catalog = builder.catalog;
    this.catalogFile = builder.catalogFile;
    this.dependencies = List.copyOf(builder.dependencies);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Directories of compiled classes (such as {@code target/classes}), scanned recursively. */
  public List<Path> classDirectories() {
    return classDirectories;
  }

  /** The module's validated catalog, when it has one. */
  public Optional<Catalog> catalog() {
    return Optional.ofNullable(catalog);
  }

  /** The catalog's file as findings should name it, when there is a catalog. */
  public Optional<String> catalogFile() {
    return Optional.ofNullable(catalogFile);
  }

  /** Every resolved dependency, direct and transitive. */
  public List<Dependency> dependencies() {
    return dependencies;
  }

  /**
   * The analysis of type {@code key} for this context, computed on first use. {@code compute} may
   * throw {@link ComplianceException} (for an unreadable class file, say).
   */
  public <T> T shared(Class<T> key, Function<RuleContext, T> compute) {
    synchronized (shared) {
      Object value = shared.get(key);
      if (value == null) {
        value = compute.apply(this);
        shared.put(key, value);
      }
      return key.cast(value);
    }
  }

  /** Records a finding. */
  public void report(Finding finding) {
    Objects.requireNonNull(finding, "finding");
    synchronized (findings) {
      findings.add(finding);
    }
  }

  /** Everything reported so far, in report order. */
  public List<Finding> findings() {
    synchronized (findings) {
      return List.copyOf(findings);
    }
  }

  /** Builds a {@link RuleContext}; everything is optional. */
  public static final class Builder {
    private final List<Path> classDirectories = new ArrayList<>();
    private final List<Dependency> dependencies = new ArrayList<>();
    private Catalog catalog;
    private String catalogFile;

    private Builder() {}

    public Builder addClassDirectory(Path directory) {
      classDirectories.add(Objects.requireNonNull(directory, "directory"));
      return this;
    }

    public Builder catalog(Catalog catalog, String file) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      this.catalogFile = Objects.requireNonNull(file, "file");
      return this;
    }

    public Builder addDependency(Dependency dependency) {
      dependencies.add(Objects.requireNonNull(dependency, "dependency"));
      return this;
    }

    public Builder dependencies(List<Dependency> all) {
      all.forEach(this::addDependency);
      return this;
    }

    public RuleContext build() {
      return new RuleContext(this);
    }
  }
}
