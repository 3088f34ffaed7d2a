package dev.shuqiao.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What became of a case: every step of the bundle, delivered, failed (with the reason) or skipped
 * (because an input it needs did not arrive), and the case's overall {@link Status}.
 *
 * <pre>{@code
 * BundleResult result = runner.run(birth, application);
 * if (result.status() != BundleResult.Status.COMPLETED) {
 *   result.steps().stream().filter(s -> s.state() != StepState.DELIVERED).forEach(System.out::println);
 *   result = runner.resume(birth, result.caseId());   // later: completed steps are not repeated
 * }
 * }</pre>
 */
public final class BundleResult {

  /** The case as a whole. */
  public enum Status {
    /** Every step delivered. */
    COMPLETED,
    /** Every required step delivered; an optional step failed or was skipped. */
    PARTIAL,
    /** A required step failed or was skipped; resume the case to try again. */
    FAILED
  }

  /** One step's state. */
  public enum StepState { DELIVERED, FAILED, SKIPPED }

  /**
   * One step of the case.
   *
   * @param stepId the step's id in the definition
   * @param resourceCode its resource
   * @param required whether the case needs it
   * @param state delivered, failed or skipped
   * @param reason why it failed or was skipped (no personal data); empty when delivered
   * @param messageId the exchange's message id, as every audit log records it; empty when nothing was sent
   * @param attempts how many exchanges this run sent for it (0 for a step delivered in an earlier run)
   * @param records the delivered records (item → value); empty unless delivered
   */
  public record StepOutcome(String stepId, String resourceCode, boolean required, StepState state,
      Optional<String> reason, Optional<UUID> messageId, int attempts, List<JsonNode> records) {

    public StepOutcome {
      Objects.requireNonNull(stepId, "stepId");
      records = records.stream().map(JsonNode::deepCopy).map(JsonNode.class::cast).toList();
    }

    /** The value of {@code item} in the first record that has one, as text. */
    public Optional<String> value(String item) {
      for (JsonNode record : records) {
        JsonNode value = record.get(item);
        if (value != null && !value.isNull()) {
          return Optional.of(value.asText());
        }
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      // The records are personal data: never in a log line.
      return stepId + ": " + state + reason.map(r -> " (" + r + ")").orElse("")
          + messageId.map(m -> " [" + m + "]").orElse("");
    }
  }

  private final String caseId;
  private final String bundle;
  private final List<StepOutcome> steps;

  BundleResult(String caseId, String bundle, List<StepOutcome> steps) {
    this.caseId = caseId;
    this.bundle = bundle;
    this.steps = List.copyOf(steps);
  }

  public String caseId() {
    return caseId;
  }

  /** The bundle's name. */
  public String bundle() {
    return bundle;
  }

  /** Every step, in the definition's order. */
  public List<StepOutcome> steps() {
    return steps;
  }

  public Optional<StepOutcome> step(String id) {
    return steps.stream().filter(s -> s.stepId().equals(id)).findFirst();
  }

  public Status status() {
    boolean allDelivered = true;
    for (StepOutcome step : steps) {
      if (step.state() != StepState.DELIVERED) {
        if (step.required()) {
          return Status.FAILED;
        }
        allDelivered = false;
      }
    }
    return allDelivered ? Status.COMPLETED : Status.PARTIAL;
  }

  @Override
  public String toString() {
    return "BundleResult[" + bundle + " " + caseId + ": " + status() + ", " + steps + "]";
  }
}
