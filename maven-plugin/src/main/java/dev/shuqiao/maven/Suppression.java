package dev.shuqiao.maven;

/**
 * A suppression in the POM:
 *
 * <pre>{@code
 * <suppressions>
 *   <suppression>
 *     <rule>crypto.weak-digest</rule>
 *     <where>dev/acme/LegacyEtag.java</where>
 *     <justification>ETag only, not security relevant</justification>
 *     <expires>2027-06-30</expires>
 *   </suppression>
 * </suppressions>
 * }</pre>
 *
 * <p>Maven fills the fields; the justification is mandatory.
 */
public class Suppression {

  private String rule;
  private String where;
  private String justification;
  private String expires;

  dev.shuqiao.compliance.Suppression toCompliance() {
    return dev.shuqiao.compliance.Suppression.builder()
        .rule(rule)
        .where(where)
        .justification(justification)
        .expires(dev.shuqiao.compliance.SuppressionFile.date(expires))
        .source("pom.xml")
        .build();
  }
}
