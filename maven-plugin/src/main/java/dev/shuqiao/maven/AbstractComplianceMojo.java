package dev.shuqiao.maven;

import dev.shuqiao.compliance.ComplianceException;
import dev.shuqiao.compliance.ComplianceResult;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Parameters shared by the goals that run the compliance rules ({@code check}, {@code report}, {@code baseline}). */
abstract class AbstractComplianceMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  String pluginVersion;

  /** Skip this goal. */
  @Parameter(property = "shuqiao.skip", defaultValue = "false")
  boolean skip;

  /** Compiled classes to scan. */
  @Parameter(defaultValue = "${project.build.outputDirectory}")
  File classesDirectory;

  /** The catalog descriptor; rules that compare code with the catalog use it when it exists. */
  @Parameter(property = "shuqiao.catalog", defaultValue = "${project.basedir}/src/main/shuqiao/catalog.yaml")
  File catalog;

  /** Suppressions, each with a mandatory justification and an optional expiry (yyyy-MM-dd). */
  @Parameter
  List<Suppression> suppressions = new ArrayList<>();

  /** A YAML file of more suppressions; used when it exists. */
  @Parameter(property = "shuqiao.suppressionsFile", defaultValue = "${project.basedir}/src/main/shuqiao/suppressions.yaml")
  File suppressionsFile;

  /** Baseline of accepted findings (written by {@code shuqiao:baseline}); used when it exists. */
  @Parameter(property = "shuqiao.baseline", defaultValue = "${project.basedir}/shuqiao-baseline.json")
  File baseline;

  /** Banned dependencies as {@code groupId:artifactId[:version]} with {@code *} wildcards, added to the defaults. */
  @Parameter
  List<String> bannedDependencies = new ArrayList<>();

  /** Whether the default ban list (obsolete crypto providers, log4j 1) applies. */
  @Parameter(property = "shuqiao.defaultBans", defaultValue = "true")
  boolean defaultBans;

  /** Minimum version of dev.shuqiao:shuqiao-sdk-client; unchecked when empty. */
  @Parameter(property = "shuqiao.minimumSdkClientVersion")
  String minimumSdkClientVersion;

  /**
   * Policy "GM required": when the catalog holds important/core or sensitive data, every digest,
   * cipher, MAC and signature must use SM2, SM3 or SM4.
   */
  @Parameter(property = "shuqiao.gmRequired", defaultValue = "false")
  boolean gmRequired;

  /** Where reports are written. */
  @Parameter(property = "shuqiao.outputDirectory", defaultValue = "${project.build.directory}/shuqiao")
  File outputDirectory;

  /** Root that report paths are relative to; by default the enclosing Git work tree (else the build's root). */
  @Parameter(property = "shuqiao.repositoryRoot")
  File repositoryRoot;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Shuqiao: skipped (shuqiao.skip).");
      return;
    }
    try {
      run(new ComplianceRun(this).execute());
    } catch (ComplianceException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  /** What the goal does with the result. */
  abstract void run(ComplianceResult result) throws MojoExecutionException, MojoFailureException;
}
