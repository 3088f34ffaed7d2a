package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.Dependency;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.Location;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;
import java.util.Objects;

/** {@code dev.shuqiao:shuqiao-sdk-client} older than the minimum the city's hub accepts. */
public final class SdkClientVersionRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("dependency.sdk-client-version", Severity.ERROR,
      "Outdated Shuqiao SDK client",
      "The project depends on a shuqiao-sdk-client older than the configured minimum; older clients "
          + "miss protocol or security fixes the hub requires.",
      "Raise the dev.shuqiao:shuqiao-sdk-client version to at least the minimum.");

  private final String minimum;

  public SdkClientVersionRule(String minimum) {
    this.minimum = Objects.requireNonNull(minimum, "minimum");
  }

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    for (Dependency dependency : context.dependencies()) {
      if (dependency.groupId().equals("dev.shuqiao") && dependency.artifactId().equals("shuqiao-sdk-client")
          && compare(dependency.version(), minimum) < 0) {
        context.report(Finding.builder().ruleId(DESCRIPTOR.id()).severity(DESCRIPTOR.severity())
            .message("shuqiao-sdk-client " + dependency.version() + " is older than the required " + minimum
                + "; raise its version to " + minimum + " or later")
            .location(new Location("pom.xml", 0, "dev.shuqiao:shuqiao-sdk-client"))
            .fingerprintKey(dependency.version()).build());
      }
    }
  }

  /** Numeric comparison of dotted versions; a qualifier (-SNAPSHOT, -rc1) sorts before the release. */
  static int compare(String left, String right) {
    String[] a = left.split("[.-]");
    String[] b = right.split("[.-]");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : b[i].matches("\\d+") ? "0" : "";
      String y = i < b.length ? b[i] : a[i].matches("\\d+") ? "0" : "";
      boolean xNumber = x.matches("\\d+");
      boolean yNumber = y.matches("\\d+");
      int order;
      if (xNumber && yNumber) {
        order = Long.compare(Long.parseLong(x), Long.parseLong(y));
      } else if (x.isEmpty() || y.isEmpty()) {
        order = x.isEmpty() ? (yNumber ? -1 : 1) : (xNumber ? 1 : -1);
      } else {
        order = xNumber ? 1 : yNumber ? -1 : x.compareToIgnoreCase(y);
      }
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }
}
