package dev.shuqiao.maven;

import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.Problem;
import dev.shuqiao.catalog.Severity;
import dev.shuqiao.catalog.ValidationReport;
import dev.shuqiao.compliance.ComplianceException;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Checks that the project's catalog descriptor exists and validates; prints every problem as
 * {@code file:line:column: severity [rule-id] path: message}. POM-packaged modules (aggregators,
 * parents) are skipped unless they have a catalog.
 */
@Mojo(name = "catalog", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CatalogMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** The catalog descriptor (YAML or JSON). */
  @Parameter(property = "shuqiao.catalog", defaultValue = "${project.basedir}/src/main/shuqiao/catalog.yaml")
  File catalog;

  /** Skip this goal. */
  @Parameter(property = "shuqiao.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Shuqiao: skipped (shuqiao.skip).");
      return;
    }
    if (!catalog.isFile()) {
      if ("pom".equals(project.getPackaging())) {
        getLog().info("Shuqiao: no catalog in this " + project.getPackaging() + " module; nothing to validate.");
        return;
      }
      throw new MojoFailureException("No catalog descriptor at " + catalog + ". Describe the module's data "
          + "resources there (see examples/catalogs/birth-catalog.yaml), or point <catalog> / -Dshuqiao.catalog at it.");
    }
    ValidationReport report;
    try {
      report = CatalogReader.create().read(catalog.toPath());
    } catch (ComplianceException | IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new MojoExecutionException("Cannot read catalog " + catalog + ": " + e.getMessage(), e);
    }
    for (Problem problem : report.problems()) {
      String line = problem.position().isPresent() ? problem.toString() : catalog + ": " + problem;
      if (problem.severity() == Severity.ERROR) {
        getLog().error(line);
      } else {
        getLog().warn(line);
      }
    }
    if (report.hasErrors()) {
      throw new MojoFailureException("Catalog " + catalog + " has " + report.errors().size()
          + " error(s); fix the problems listed above (each with file:line and rule id).");
    }
    getLog().info("Shuqiao: catalog " + catalog.getName() + " is valid (" + report.warnings().size() + " warning(s)).");
  }
}
