package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/hub-api.md lists every problem type the hub can emit. The types are collected from the hub's
 * source: the literal type of every {@code new HubException(status, "type", ...)} and of every
 * {@code unauthorized/forbidden/conflict/unprocessable("type", ...)} call, and the {@code http-<status>}
 * types Jetty's own errors get from {@code ProblemErrorHandler}.
 */
class HubApiDocsTest {

  private static final Pattern CONSTRUCTED = Pattern.compile("new HubException\\(\\s*[^,()\"]+,\\s*\"([a-z0-9-]+)\"");
  private static final Pattern FACTORY = Pattern.compile(
      "\\b(?:unauthorized|forbidden|conflict|unprocessable)\\(\\s*\"([a-z0-9-]+)\"");
  /** The statuses Jetty answers itself before the API sees a request. */
  private static final Set<Integer> HTTP_LAYER = Set.of(400, 414, 426, 431);

  @Test
  void everyProblemTypeInTheHubsCode_isListedInHubApiMd() throws IOException {
    Set<String> types = collectTypes(Path.of("src/main/java"));
    String docs = Files.readString(Path.of("../docs/hub-api.md"), StandardCharsets.UTF_8);

    assertThat(types).as("the collector still finds the hub's types")
        .hasSizeGreaterThan(80)
        .contains("not-the-consumer", "session-unknown", "full-signature-required", "sessions-exhausted",
            "no-checkpoint", "signature-required", "invalid-field", "provider-refused");
    assertThat(types).allSatisfy(type -> assertThat(docs).as("docs/hub-api.md lists `" + type + "`")
        .contains("`" + type + "`"));
  }

  @Test
  void theHttpLayersProblemTypes_areListed() throws IOException {
    String handler = Files.readString(Path.of("src/main/java/dev/shuqiao/hub/ProblemErrorHandler.java"));
    assertThat(handler).contains("problems/http-\" + status");
    String docs = Files.readString(Path.of("../docs/hub-api.md"), StandardCharsets.UTF_8);
    for (int status : HTTP_LAYER) {
      assertThat(docs).as("http-" + status).contains("`http-" + status + "`");
    }
  }

  @Test
  void theCollector_findsTypesSpreadOverLines_andIgnoresVariables() {
    String source = """
        throw new HubException(404,
            "no-checkpoint", "No checkpoint yet", "x");
        throw new HubException(status, type, title, detail);
        throw HubException.forbidden("not-the-consumer", "only the applicant");
        throw unauthorized( "session-unknown", "x");
        """;
    assertThat(collect(source)).containsExactlyInAnyOrder("no-checkpoint", "not-the-consumer", "session-unknown");
  }

  static Set<String> collectTypes(Path sources) throws IOException {
    Set<String> types = new TreeSet<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        types.addAll(collect(Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    return types;
  }

  private static Set<String> collect(String source) {
    Set<String> types = new TreeSet<>();
    for (Pattern pattern : new Pattern[] {CONSTRUCTED, FACTORY}) {
      Matcher matcher = pattern.matcher(source);
      while (matcher.find()) {
        types.add(matcher.group(1));
      }
    }
    return types;
  }
}
