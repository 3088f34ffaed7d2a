package dev.shuqiao.compliance.report;

import dev.shuqiao.compliance.ComplianceException;
import dev.shuqiao.compliance.ComplianceResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@code compliance.json}, {@code compliance.sarif} and {@code compliance.html} for one
 * result. Finding files are expected relative to {@link #sourceRoot} (the repository root), which
 * is also where the HTML page reads source snippets from.
 *
 * <pre>{@code
 * List<Path> written = ComplianceReports.builder()
 *     .toolVersion("0.1.0").sourceRoot(repositoryRoot).build()
 *     .write(result, Path.of("target/shuqiao"));
 * }</pre>
 */
public final class ComplianceReports {

  private final String toolVersion;
  private final Path sourceRoot;
  private final String title;

  private ComplianceReports(Builder builder) {
    this.toolVersion = builder.toolVersion;
    this.sourceRoot = builder.sourceRoot;
    this.title = builder.title;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String toolVersion() {
    return toolVersion;
  }

  public Path sourceRoot() {
    return sourceRoot;
  }

  /** Writes the three reports into {@code directory} (created if needed) and returns their paths. */
  public List<Path> write(ComplianceResult result, Path directory) {
    try {
      Files.createDirectories(directory);
      Path json = directory.resolve("compliance.json");
      Path sarif = directory.resolve("compliance.sarif");
      Path html = directory.resolve("compliance.html");
      Files.writeString(json, JsonReport.render(result, toolVersion));
      Files.writeString(sarif, SarifReport.render(result, toolVersion));
      Files.writeString(html, HtmlReport.render(result, title, sourceRoot));
      return List.of(json, sarif, html);
    } catch (IOException e) {
      throw new ComplianceException("Cannot write compliance reports to " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Builds {@link ComplianceReports}. */
  public static final class Builder {
    private String toolVersion = "dev";
    private Path sourceRoot = Path.of("");
    private String title = "Shuqiao compliance report";

    private Builder() {}

    public Builder toolVersion(String toolVersion) {
      this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
      return this;
    }

    public Builder sourceRoot(Path sourceRoot) {
      this.sourceRoot = Objects.requireNonNull(sourceRoot, "sourceRoot");
      return this;
    }

    /** The HTML page's heading, such as the project name. */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    public ComplianceReports build() {
      return new ComplianceReports(this);
    }
  }
}
