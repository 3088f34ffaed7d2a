package dev.shuqiao.provider;

import dev.shuqiao.crypto.Department;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One verified query a {@link ResourceHandler} answers: the consumer's parameters and subject (from
 * the opened envelope) and what the hub authorized (from its ticket). Everything here has been
 * checked: the consumer is the envelope's verified sender and the ticket's consumer.
 */
public final class ExchangeQuery {

  private final String resourceCode;
  private final Map<String, String> parameters;
  private final List<String> items;
  private final Department consumer;
  private final String purpose;
  private final String caseId;
  private final String grantId;
  private final UUID messageId;
  private final String subject;

  ExchangeQuery(String resourceCode, Map<String, String> parameters, List<String> items, Department consumer,
      String purpose, String caseId, String grantId, UUID messageId, String subject) {
    this.resourceCode = resourceCode;
    this.parameters = Map.copyOf(parameters);
    this.items = List.copyOf(items);
    this.consumer = consumer;
    this.purpose = purpose;
    this.caseId = caseId;
    this.grantId = grantId;
    this.messageId = messageId;
    this.subject = subject;
  }

  /** The resource code as the ticket writes it. */
  public String resourceCode() {
    return resourceCode;
  }

  /** The query parameters, e.g. {@code 出生医学证明编号 → Q450200123}. */
  public Map<String, String> parameters() {
    return parameters;
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  /** The information items granted for this exchange, in request order: only these are delivered. */
  public List<String> items() {
    return items;
  }

  /** The consumer department, as its certificate (validated by the city trust store) names it. */
  public Department consumer() {
    return consumer;
  }

  public String purpose() {
    return purpose;
  }

  public Optional<String> caseId() {
    return Optional.ofNullable(caseId);
  }

  /** The grant of a conditional resource. */
  public Optional<String> grantId() {
    return Optional.ofNullable(grantId);
  }

  public UUID messageId() {
    return messageId;
  }

  /** The data subject's identifier, if the consumer named one: personal data, never log it. */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  @Override
  public String toString() {
    return "ExchangeQuery[" + resourceCode + ", message " + messageId + ", consumer "
        + consumer.creditCode() + ", " + parameters.size() + " parameter(s)]";
  }
}
