package dev.shuqiao.maven;

import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.Location;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * Turns finding files into paths relative to the repository root, as SARIF consumers expect: a
 * class's {@code dev/acme/Hasher.java} is looked up in the module's source roots, {@code pom.xml}
 * is the module's POM.
 */
final class SourcePaths {

  private final MavenProject project;
  private final Path root;

  SourcePaths(MavenProject project, MavenSession session, File configuredRoot) {
    this.project = project;
    this.root = configuredRoot != null ? configuredRoot.toPath().toAbsolutePath().normalize() : discoverRoot(session, project);
  }

  Path root() {
    return root;
  }

  /** {@code path} relative to the repository root, with forward slashes. */
  String relative(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path relative = absolute.startsWith(root) ? root.relativize(absolute) : absolute;
    return relative.toString().replace(File.separatorChar, '/');
  }

  Finding relocate(Finding finding) {
    Path file = resolve(finding.location().file());
    if (file == null) {
      return finding;
    }
    Location location = finding.location();
    return finding.relocated(new Location(relative(file), location.line(), location.symbol()));
  }

  private Path resolve(String file) {
    if (file.equals("pom.xml")) {
      return project.getFile().toPath();
    }
    for (String sourceRoot : project.getCompileSourceRoots()) {
      Path candidate = Path.of(sourceRoot).resolve(file);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    Path inModule = project.getBasedir().toPath().resolve(file);
    return Files.exists(inModule) ? inModule : null;
  }

  /** The enclosing Git work tree of the build's root, else the build's root. */
  private static Path discoverRoot(MavenSession session, MavenProject project) {
    String executionRoot = session.getExecutionRootDirectory();
    Path start = (executionRoot != null ? Path.of(executionRoot) : project.getBasedir().toPath())
        .toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return dir;
      }
    }
    return start;
  }
}
