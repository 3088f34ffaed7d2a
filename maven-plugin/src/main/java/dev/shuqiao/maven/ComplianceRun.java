package dev.shuqiao.maven;

import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.ValidationReport;
import dev.shuqiao.compliance.Baseline;
import dev.shuqiao.compliance.ComplianceCheck;
import dev.shuqiao.compliance.ComplianceException;
import dev.shuqiao.compliance.ComplianceResult;
import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.Dependency;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.SuppressionFile;
import dev.shuqiao.compliance.report.ComplianceReports;
import dev.shuqiao.compliance.rules.BannedDependencyRule;
import dev.shuqiao.compliance.rules.BuiltInRules;
import dev.shuqiao.compliance.rules.GmRequiredRule;
import dev.shuqiao.compliance.rules.SdkClientVersionRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;

/** One compliance run for one Maven module: inputs from the POM, rules from core, paths made repository-relative. */
final class ComplianceRun {

  private final AbstractComplianceMojo mojo;
  private final SourcePaths paths;

  ComplianceRun(AbstractComplianceMojo mojo) {
    this.mojo = mojo;
    this.paths = new SourcePaths(mojo.project, mojo.session, mojo.repositoryRoot);
  }

  ComplianceResult execute() {
    RuleContext.Builder context = RuleContext.builder()
        .addClassDirectory(mojo.classesDirectory.toPath())
        .dependencies(dependencies());
    if (mojo.catalog.isFile()) {
      ValidationReport report;
      try {
        report = CatalogReader.create().read(mojo.catalog.toPath());
      } catch (RuntimeException e) {
        throw new ComplianceException("Cannot read catalog " + mojo.catalog + ": " + e.getMessage()
            + "; run shuqiao:catalog to see its problems.", e);
      }
      report.catalog().ifPresent(c -> context.catalog(c, paths.relative(mojo.catalog.toPath())));
    }
    ComplianceCheck.Builder check = ComplianceCheck.builder().rules(rules());
    mojo.suppressions.forEach(s -> check.addSuppression(s.toCompliance()));
    if (mojo.suppressionsFile.isFile()) {
      check.suppressions(SuppressionFile.read(mojo.suppressionsFile.toPath()));
    }
    if (mojo.baseline.isFile()) {
      check.baseline(Baseline.read(mojo.baseline.toPath()));
    }
    return relocate(check.build().run(context.build()));
  }

  /** Writes the three reports and returns the directory. */
  Path writeReports(ComplianceResult result) {
    Path directory = mojo.outputDirectory.toPath();
    ComplianceReports.builder()
        .toolVersion(mojo.pluginVersion == null ? "dev" : mojo.pluginVersion)
        .sourceRoot(paths.root())
        .title("Shuqiao compliance: " + mojo.project.getName())
        .build()
        .write(result, directory);
    return directory;
  }

  private List<ComplianceRule> rules() {
    List<ComplianceRule> rules = new ArrayList<>(BuiltInRules.weakCrypto());
    rules.addAll(BuiltInRules.catalog());
    rules.addAll(BuiltInRules.privacy());
    if (mojo.gmRequired) {
      rules.add(new GmRequiredRule());
    }
    List<String> banned = new ArrayList<>(mojo.defaultBans ? BannedDependencyRule.DEFAULTS : List.of());
    banned.addAll(mojo.bannedDependencies);
    rules.add(new BannedDependencyRule(banned));
    if (mojo.minimumSdkClientVersion != null && !mojo.minimumSdkClientVersion.isBlank()) {
      rules.add(new SdkClientVersionRule(mojo.minimumSdkClientVersion.trim()));
    }
    return rules;
  }

  private List<Dependency> dependencies() {
    List<Dependency> all = new ArrayList<>();
    for (Artifact artifact : mojo.project.getArtifacts()) {
      List<String> trail = artifact.getDependencyTrail();
      String via = trail != null && trail.size() > 2 ? coordinates(trail.get(1)) : "";
      all.add(new Dependency(artifact.getGroupId(), artifact.getArtifactId(), artifact.getVersion(),
          artifact.getScope() == null ? "compile" : artifact.getScope(), via));
    }
    return all;
  }

  /** {@code g:a:jar:1.0} (a dependency trail entry) → {@code g:a:1.0}. */
  private static String coordinates(String trailEntry) {
    String[] parts = trailEntry.split(":");
    return parts.length >= 4 ? parts[0] + ":" + parts[1] + ":" + parts[parts.length - 1] : trailEntry;
  }

  private ComplianceResult relocate(ComplianceResult result) {
    List<Finding> findings = result.findings().stream().map(paths::relocate).toList();
    Map<Finding, dev.shuqiao.compliance.Suppression> suppressed = new LinkedHashMap<>();
    result.suppressed().forEach((f, s) -> suppressed.put(paths.relocate(f), s));
    List<Finding> baselined = result.baselined().stream().map(paths::relocate).toList();
    return new ComplianceResult(result.rules(), findings, suppressed, baselined);
  }
}
