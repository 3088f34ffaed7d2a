package dev.shuqiao.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads suppressions from a YAML (or JSON) file:
 *
 * <pre>
 * suppressions:
 *   - rule: crypto.weak-digest
 *     where: dev/acme/LegacyEtag.java
 *     justification: ETag only, not security relevant (approved by the DPO, 2026-11-01)
 *     expires: 2027-06-30
 * </pre>
 */
public final class SuppressionFile {

  private SuppressionFile() {}

  /** @throws ComplianceException naming the file and entry when it cannot be read or is invalid */
  public static List<Suppression> read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new ComplianceException("Cannot read suppression file " + file + ": " + e.getMessage(), e);
    }
    List<Suppression> suppressions = new ArrayList<>();
    JsonNode entries = root == null ? null : root.get("suppressions");
    if (entries == null || !entries.isArray()) {
      throw new ComplianceException("Suppression file " + file + " needs a top-level 'suppressions:' list.");
    }
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      try {
        suppressions.add(Suppression.builder()
            .rule(text(entry, "rule"))
            .where(text(entry, "where"))
            .justification(text(entry, "justification"))
            .expires(date(text(entry, "expires")))
            .source(file.toString())
            .build());
      } catch (ComplianceException | DateTimeParseException e) {
        throw new ComplianceException(file + ": suppressions[" + i + "]: " + e.getMessage(), e);
      }
    }
    return suppressions;
  }

  /** Parses {@code yyyy-MM-dd}; {@code null} or blank is no expiry. */
  public static LocalDate date(String text) {
    try {
      return text == null || text.isBlank() ? null : LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new ComplianceException("expiry '" + text + "' is not a date; write it as yyyy-MM-dd", e);
    }
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
