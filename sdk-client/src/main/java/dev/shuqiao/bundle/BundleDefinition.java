package dev.shuqiao.bundle;

import dev.shuqiao.client.NotFoundException;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CatalogResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated "one thing" bundle (一件事): its steps, each a resource of a provider obtained through
 * the exchange channel with inputs from the application form or earlier steps, and the consent scope
 * the applicant grants once. The format is specified in docs/bundle.md. A definition exists only
 * once every check passed: every problem is reported at once, with its position, rule and fix.
 *
 * <pre>{@code
 * BundleDefinition birth = BundleDefinition.read(Path.of("birth-bundle.yaml"), ResourceLookup.of(catalog));
 * // or against the hub's catalog:
 * BundleDefinition birth = BundleDefinition.read(path, BundleDefinition.hubLookup(client));
 * }</pre>
 */
public final class BundleDefinition {

  /** The definition format this SDK reads ({@code bundle: 1}). */
  public static final int FORMAT_VERSION = 1;

  private final String source;
  private final String name;
  private final List<String> formFields;
  private final List<Step> steps;
  private final Map<String, Set<String>> consentScope;
  private final String digest;

  BundleDefinition(String source, String name, List<String> formFields, List<Step> steps,
      Map<String, Set<String>> consentScope, String digest) {
    this.source = source;
    this.name = name;
    this.formFields = List.copyOf(formFields);
    this.steps = List.copyOf(steps);
    this.consentScope = Map.copyOf(consentScope);
    this.digest = digest;
  }

  /**
   * Reads and validates a definition file.
   *
   * @throws InvalidBundleException listing every problem
   * @throws UncheckedIOException if the file cannot be read at all
   */
  public static BundleDefinition read(Path file, ResourceLookup lookup) {
    try {
      return read(file.toString(), Files.readString(file, StandardCharsets.UTF_8), lookup);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundle definition " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads and validates definition text; {@code source} labels the positions of problems.
   *
   * @throws InvalidBundleException listing every problem
   */
  public static BundleDefinition read(String source, String text, ResourceLookup lookup) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(lookup, "lookup");
    return new DefinitionBinder(source, lookup).bind(text, digestOf(text));
  }

  /**
   * A lookup in the hub's catalog through {@code client} (one {@code GET /v1/catalog/resources/{code}}
   * per distinct resource of the definition).
   */
  public static ResourceLookup hubLookup(ShuqiaoClient client) {
    Objects.requireNonNull(client, "client");
    ObjectMapper json = new ObjectMapper();
    return code -> {
      CatalogResource resource;
      try {
        resource = client.getResource(code);
      } catch (NotFoundException e) {
        return Optional.empty();
      }
      if (!"ACTIVE".equals(resource.status())) {
        return Optional.empty();
      }
      Set<String> items = new LinkedHashSet<>();
      try {
        JsonNode descriptor = json.readTree(resource.descriptorJson().orElse("{}"));
        descriptor.path("items").forEach(item -> items.add(item.path("name").asText()));
      } catch (IOException e) {
        throw new UncheckedIOException("the hub's descriptor of " + code + " is not JSON", e);
      }
      return Optional.of(new ResourceLookup.Resource(resource.code(), resource.providerCode(), items));
    };
  }

  /** The file or label the definition was read from. */
  public String source() {
    return source;
  }

  /** The bundle's name, e.g. 出生一件事. */
  public String name() {
    return name;
  }

  /** The fields the application form must fill. */
  public List<String> formFields() {
    return formFields;
  }

  /** The steps in declared order (the runner orders them by their inputs). */
  public List<Step> steps() {
    return steps;
  }

  /** The step with this id. */
  public Optional<Step> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** Resource code → items the applicant is asked to consent to, once for the whole case. */
  public Map<String, Set<String>> consentScope() {
    return consentScope;
  }

  /** {@code sha-256:} + hex of the definition text; a case journal refuses to resume under another. */
  public String digest() {
    return digest;
  }

  @Override
  public String toString() {
    return "BundleDefinition[" + name + ", " + steps.size() + " steps, " + source + "]";
  }

  private static String digestOf(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return "sha-256:" + HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * One step: obtain {@link #items()} of a provider's resource through the exchange channel.
   *
   * @param id unique within the bundle ({@code [a-z][a-z0-9-]*}); other steps' inputs name it
   * @param resourceCode the catalog resource
   * @param providerCode the provider's 统一社会信用代码 (checked against the catalog)
   * @param items the information items wanted, in order
   * @param inputs query parameter name → {@code form.<field>} or {@code steps.<id>.<item>}
   * @param required whether the case fails when this step fails (optional steps may fail alone)
   * @param timeout the deadline of one exchange attempt
   * @param retries how many more attempts after a failed one
   * @param purpose the purpose the hub checks and every audit log records
   * @param grantId the approved grant, for a conditional resource
   */
  public record Step(String id, String resourceCode, String providerCode, List<String> items,
      Map<String, String> inputs, boolean required, Duration timeout, int retries, String purpose,
      Optional<String> grantId) {

    public Step {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(resourceCode, "resourceCode");
      Objects.requireNonNull(providerCode, "providerCode");
      items = List.copyOf(items);
      inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(purpose, "purpose");
      Objects.requireNonNull(grantId, "grantId");
    }

    /** The ids of the steps whose outputs this step takes as inputs. */
    public Set<String> dependencies() {
      Set<String> ids = new LinkedHashSet<>();
      for (String reference : inputs.values()) {
        InputReference.parse(reference).ifPresent(r -> {
          if (r.step() != null) {
            ids.add(r.step());
          }
        });
      }
      return ids;
    }
  }
}
