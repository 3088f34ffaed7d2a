package dev.shuqiao.maven;

import dev.shuqiao.compliance.Baseline;
import dev.shuqiao.compliance.ComplianceResult;
import dev.shuqiao.compliance.Finding;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Records every current finding (including those already in the baseline) in the baseline file,
 * so a legacy project fails only on new findings from now on. Run it after {@code compile}.
 */
@Mojo(name = "baseline", threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class BaselineMojo extends AbstractComplianceMojo {

  @Override
  void run(ComplianceResult result) {
    List<Finding> accepted = new ArrayList<>(result.baselined());
    accepted.addAll(result.findings());
    Baseline.write(baseline.toPath(), accepted);
    getLog().info("Shuqiao: wrote " + accepted.size() + " finding(s) to baseline " + baseline);
  }
}
