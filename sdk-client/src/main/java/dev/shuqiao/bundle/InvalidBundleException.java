package dev.shuqiao.bundle;

import java.util.List;
import java.util.stream.Collectors;

/** A bundle definition was refused; {@link #problems()} lists every problem found, in document order. */
public final class InvalidBundleException extends BundleException {

  private static final long serialVersionUID = 1L;
  private final transient List<BundleProblem> problems;

  InvalidBundleException(String source, List<BundleProblem> problems) {
    super("invalid-definition", "bundle definition " + source + " has " + problems.size() + " problem(s):\n"
        + problems.stream().map(BundleProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<BundleProblem> problems() {
    return problems;
  }
}
