package dev.shuqiao.compliance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs rules on a context and applies suppressions and a baseline.
 *
 * <pre>{@code
 * ComplianceResult result = ComplianceCheck.builder()
 *     .rules(BuiltInRules.all())
 *     .addSuppression(suppression)
 *     .baseline(Baseline.read(Path.of("shuqiao-baseline.json")))
 *     .build()
 *     .run(context);
 * }</pre>
 *
 * <p>An expired suppression no longer applies and is reported as {@value #EXPIRED_SUPPRESSION}.
 */
public final class ComplianceCheck {

  public static final String EXPIRED_SUPPRESSION = "compliance.expired-suppression";

  static final RuleDescriptor EXPIRED = new RuleDescriptor(EXPIRED_SUPPRESSION, Severity.WARNING,
      "Expired suppression", "A suppression whose expiry date has passed; it no longer hides findings.",
      "Fix the findings it covered, or renew it with a new justification and expiry date.");

  private final List<ComplianceRule> rules;
  private final List<Suppression> suppressions;
  private final Baseline baseline;
  private final LocalDate today;

  private ComplianceCheck(Builder builder) {
    this.rules = List.copyOf(builder.rules);
    this.suppressions = List.copyOf(builder.suppressions);
    this.baseline = builder.baseline;
    this.today = builder.today;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs every rule; findings come sorted by file and line. */
  public ComplianceResult run(RuleContext context) {
    rules.forEach(rule -> rule.execute(context));
    List<Finding> all = new ArrayList<>(context.findings());
    all.sort(Comparator.comparing((Finding f) -> f.location().file()).thenComparingInt(f -> f.location().line())
        .thenComparing(Finding::ruleId));
    List<Finding> active = new ArrayList<>();
    Map<Finding, Suppression> suppressed = new LinkedHashMap<>();
    List<Finding> baselined = new ArrayList<>();
    for (Finding finding : all) {
      Suppression suppression = suppressionFor(finding);
      if (suppression != null) {
        suppressed.put(finding, suppression);
      } else if (baseline.contains(finding)) {
        baselined.add(finding);
      } else {
        active.add(finding);
      }
    }
    active.addAll(expiredSuppressions());
    List<RuleDescriptor> descriptors = new ArrayList<>(rules.stream().map(ComplianceRule::descriptor).toList());
    descriptors.add(EXPIRED);
    return new ComplianceResult(descriptors, active, suppressed, baselined);
  }

  private Suppression suppressionFor(Finding finding) {
    for (Suppression suppression : suppressions) {
      if (!suppression.expired(today) && suppression.matches(finding)) {
        return suppression;
      }
    }
    return null;
  }

  private List<Finding> expiredSuppressions() {
    List<Finding> expired = new ArrayList<>();
    for (Suppression suppression : suppressions) {
      if (suppression.expired(today)) {
        expired.add(Finding.builder().ruleId(EXPIRED_SUPPRESSION).severity(EXPIRED.severity())
            .message("suppression " + suppression + " expired on " + suppression.expires().orElseThrow()
                + "; fix the findings it covered or renew it with a new justification")
            .location(Location.of(suppression.source(), 0)).fingerprintKey(suppression.toString()).build());
      }
    }
    return expired;
  }

  /** Builds a {@link ComplianceCheck}. */
  public static final class Builder {
    private final List<ComplianceRule> rules = new ArrayList<>();
    private final List<Suppression> suppressions = new ArrayList<>();
    private Baseline baseline = Baseline.empty();
    private LocalDate today = LocalDate.now();

    private Builder() {}

    public Builder rules(List<? extends ComplianceRule> all) {
      all.forEach(rule -> rules.add(Objects.requireNonNull(rule, "rule")));
      return this;
    }

    public Builder addSuppression(Suppression suppression) {
      suppressions.add(Objects.requireNonNull(suppression, "suppression"));
      return this;
    }

    public Builder suppressions(List<Suppression> all) {
      all.forEach(this::addSuppression);
      return this;
    }

    public Builder baseline(Baseline baseline) {
      this.baseline = Objects.requireNonNull(baseline, "baseline");
      return this;
    }

    /** The date expiries are compared to; today unless a test says otherwise. */
    public Builder today(LocalDate today) {
      this.today = Objects.requireNonNull(today, "today");
      return this;
    }

    public ComplianceCheck build() {
      return new ComplianceCheck(this);
    }
  }
}
