package dev.shuqiao.hub.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.hub.internal.store.ExchangeRow;
import java.io.IOException;
import java.util.List;

/** The answers of exchanges as sent and as stored: a delivery body, a refusal kept as JSON and thrown again. */
final class ExchangeAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExchangeAnswers() {}

  /** The stored answer of a final exchange: the delivery body, or its problem thrown again. */
  static ObjectNode of(ExchangeRow row) {
    if (ExchangeRow.DELIVERED.equals(row.state())) {
      return delivered(row.messageId(), row.ticket(), row.response());
    }
    HubException e;
    try {
      JsonNode p = JSON.readTree(row.problem());
      e = new HubException(row.httpStatus(), p.path("type").asText(), p.path("title").asText(),
          p.path("detail").asText(), p.path("field").isTextual() ? p.path("field").asText() : null, List.of());
      for (var members = p.path("members").fields(); members.hasNext(); ) {
        var member = members.next();
        e = e.with(member.getKey(), JSON.treeToValue(member.getValue(), Object.class));
      }
    } catch (IOException io) {
      throw new IllegalStateException("stored problem of exchange " + row.messageId() + " unreadable", io);
    }
    throw e;
  }

  /** A refusal as the exchange row keeps it (the HTTP status has its own column). */
  static String stored(HubException e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", e.type()).put("title", e.title()).put("detail", e.getMessage());
    if (e.field() != null) {
      node.put("field", e.field());
    }
    node.set("members", JSON.valueToTree(e.members()));
    return node.toString();
  }

  static ObjectNode delivered(String messageId, String ticket, String response) {
    ObjectNode node = JSON.createObjectNode();
    node.put("messageId", messageId).put("status", "DELIVERED").put("ticket", ticket).put("response", response);
    return node;
  }
}
