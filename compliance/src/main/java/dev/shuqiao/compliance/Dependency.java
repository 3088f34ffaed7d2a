package dev.shuqiao.compliance;

import java.util.Objects;

/**
 * One resolved dependency of the project: coordinates, scope, and the direct dependency that
 * brought it in ({@code trail}, empty for direct ones) so a finding can say what to exclude.
 */
public record Dependency(String groupId, String artifactId, String version, String scope, String trail) {

  public Dependency {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(artifactId, "artifactId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(trail, "trail");
  }

  /** {@code groupId:artifactId:version}. */
  public String coordinates() {
    return groupId + ":" + artifactId + ":" + version;
  }
}
