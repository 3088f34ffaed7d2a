package dev.shuqiao.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.exchange.ExchangeTicket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The provider's answer to an {@link ExchangeRequest}, opened and checked: the envelope came from the
 * provider the query was sealed for, answers this message, and holds only items the ticket granted.
 *
 * <pre>{@code
 * ExchangeResponse response = client.exchange(request);
 * for (JsonNode record : response.records()) { ... record.path("新生儿姓名").asText() ... }
 * List<BirthCertificate> births = response.recordsAs(BirthCertificate.class);
 * }</pre>
 */
public final class ExchangeResponse {

  private final UUID messageId;
  private final String resourceCode;
  private final String provider;
  private final List<String> items;
  private final ExchangeTicket ticket;
  private final List<ObjectNode> records;

  ExchangeResponse(UUID messageId, String resourceCode, String provider, List<String> items, ExchangeTicket ticket,
      List<ObjectNode> records) {
    this.messageId = messageId;
    this.resourceCode = resourceCode;
    this.provider = provider;
    this.items = List.copyOf(items);
    this.ticket = ticket;
    this.records = List.copyOf(records);
  }

  /** The exchange's message id, as the consumer's, hub's and provider's audit logs record it. */
  public UUID messageId() {
    return messageId;
  }

  public String resourceCode() {
    return resourceCode;
  }

  /** The provider's credit code (the verified sender of the response envelope). */
  public String provider() {
    return provider;
  }

  /** The items delivered: the ticket's, in request order. A record may lack an item the provider has no value for. */
  public List<String> items() {
    return items;
  }

  /**
   * The hub's authorization ticket. Its signature was verified only if the client was built with
   * the hub's exchange certificate ({@link ShuqiaoClientBuilder#addHubExchangeCertificate}); its message
   * id, consumer, provider, resource and items were always checked against this exchange.
   */
  public ExchangeTicket ticket() {
    return ticket;
  }

  /** The records, each an object of item name → string, number, boolean or null. Copies: changing them changes nothing here. */
  public List<JsonNode> records() {
    List<JsonNode> copies = new ArrayList<>(records.size());
    records.forEach(r -> copies.add(r.deepCopy()));
    return copies;
  }

  /**
   * The records bound to {@code type} with Jackson: a field or property is matched by its
   * {@code @JsonProperty} name, or by the item name of {@code @dev.shuqiao.provider.Item("…")},
   * or else by its own name. Items the class does not have are ignored.
   *
   * @throws IllegalArgumentException if a record cannot be bound to {@code type}
   */
  public <T> List<T> recordsAs(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return RecordBinding.bind(records, type);
  }

  @Override
  public String toString() {
    // The records are the data itself: never in a log line.
    return "ExchangeResponse[" + messageId + ", " + resourceCode + " from " + provider + ", " + records.size()
        + " record(s)]";
  }
}
