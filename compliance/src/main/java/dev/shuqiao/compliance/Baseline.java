package dev.shuqiao.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The fingerprints of findings a legacy project has accepted for now, so that only new findings
 * fail the build. Stored as JSON ({@code {"version":1,"findings":[{"ruleId":…,"fingerprint":…,
 * "location":…}]}}); the location is there for reviewers, matching uses the fingerprint only.
 */
public final class Baseline {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Set<String> fingerprints;

  private Baseline(Set<String> fingerprints) {
    this.fingerprints = Set.copyOf(fingerprints);
  }

  public static Baseline empty() {
    return new Baseline(Set.of());
  }

  /** A baseline accepting exactly these findings. */
  public static Baseline of(Collection<Finding> findings) {
    Set<String> all = new LinkedHashSet<>();
    findings.forEach(f -> all.add(f.fingerprint()));
    return new Baseline(all);
  }

  /** @throws ComplianceException naming the file when it cannot be read */
  public static Baseline read(Path file) {
    try {
      JsonNode findings = JSON.readTree(Files.readString(file)).get("findings");
      if (findings == null || !findings.isArray()) {
        throw new ComplianceException("Baseline " + file + " has no 'findings' list; regenerate it with mvn shuqiao:baseline.");
      }
      Set<String> all = new LinkedHashSet<>();
      findings.forEach(f -> all.add(f.path("fingerprint").asText()));
      return new Baseline(all);
    } catch (IOException e) {
      throw new ComplianceException("Cannot read baseline " + file + ": " + e.getMessage()
          + "; regenerate it with mvn shuqiao:baseline.", e);
    }
  }

  /** Writes {@code findings} as a baseline file. */
  public static void write(Path file, Collection<Finding> findings) {
    ObjectNode root = JSON.createObjectNode().put("version", 1);
    ArrayNode entries = root.putArray("findings");
    for (Finding finding : findings) {
      entries.addObject().put("ruleId", finding.ruleId()).put("fingerprint", finding.fingerprint())
          .put("location", finding.location().toString());
    }
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, JSON.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new ComplianceException("Cannot write baseline " + file + ": " + e.getMessage(), e);
    }
  }

  public boolean contains(Finding finding) {
    return fingerprints.contains(finding.fingerprint());
  }

  public int size() {
    return fingerprints.size();
  }
}
