package dev.shuqiao.maven;

import dev.shuqiao.compliance.ComplianceResult;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the findings to {@code target/shuqiao/compliance.json}, {@code compliance.sarif} (SARIF
 * 2.1.0 for code scanning) and {@code compliance.html}, without failing the build.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.TEST)
public class ReportMojo extends AbstractComplianceMojo {

  @Override
  void run(ComplianceResult result) {
    getLog().info("Shuqiao compliance: " + result.summary() + "; reports in "
        + new ComplianceRun(this).writeReports(result));
  }
}
