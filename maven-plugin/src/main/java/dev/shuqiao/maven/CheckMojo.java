package dev.shuqiao.maven;

import dev.shuqiao.compliance.ComplianceException;
import dev.shuqiao.compliance.ComplianceResult;
import dev.shuqiao.compliance.FailOn;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.Severity;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs every compliance rule on the compiled classes and the dependency tree, prints one line per
 * finding ({@code file:line [rule-id] message}), writes the reports, and fails the build on
 * findings at or above {@code failOn}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.TEST)
public class CheckMojo extends AbstractComplianceMojo {

  /** Which findings fail the build: {@code error}, {@code warning} or {@code none}. */
  @Parameter(property = "shuqiao.failOn", defaultValue = "error")
  String failOn;

  /** Whether to write compliance.json, compliance.sarif and compliance.html. */
  @Parameter(property = "shuqiao.reports", defaultValue = "true")
  boolean reports;

  @Override
  void run(ComplianceResult result) throws MojoExecutionException, MojoFailureException {
    FailOn gate;
    try {
      gate = FailOn.parse(failOn);
    } catch (ComplianceException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    for (Finding finding : result.findings()) {
      String line = finding.location() + " [" + finding.ruleId() + "] " + finding.message();
      if (gate.fails(finding.severity())) {
        getLog().error(line);
      } else {
        getLog().warn(line);
      }
    }
    String where = "";
    if (reports) {
      Path directory = new ComplianceRun(this).writeReports(result);
      where = "; reports in " + directory;
    }
    getLog().info("Shuqiao compliance: " + result.summary() + where);
    List<Finding> failing = result.failing(gate);
    if (!failing.isEmpty()) {
      long errors = failing.stream().filter(f -> f.severity() == Severity.ERROR).count();
      throw new MojoFailureException("Shuqiao compliance check failed: " + failing.size() + " finding(s) ("
          + errors + " error(s)) at failOn=" + gate.name().toLowerCase(java.util.Locale.ROOT)
          + ". Fix them, suppress them with a justification, or record them in a baseline (mvn shuqiao:baseline).");
    }
  }
}
