package dev.shuqiao.hub.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.hub.internal.service.HubException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes RFC 9457 {@code application/problem+json} bodies; never a stack trace. */
final class Problems {

  static final String TYPE_BASE = "https://shuqiao.dev/problems/";

  private Problems() {}

  static void write(HttpServletResponse response, HubException e, String requestId) throws IOException {
    ObjectNode node = Body.JSON.createObjectNode();
    node.put("type", TYPE_BASE + e.type());
    node.put("title", e.title());
    node.put("status", e.status());
    node.put("detail", e.getMessage());
    if (e.field() != null) {
      node.put("field", e.field());
    }
    if (!e.problems().isEmpty()) {
      node.set("problems", Body.JSON.valueToTree(e.problems()));
    }
    e.members().forEach((name, value) -> node.set(name, Body.JSON.valueToTree(value)));
    node.put("requestId", requestId);
    if (e.retryAfterSeconds() > 0) {
      response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
    } else if (e.status() == 503) {
      response.setHeader("Retry-After", "1");
    }
    if (e.status() == 401) {
      response.setHeader("WWW-Authenticate", "Signature");
    }
    response.setStatus(e.status());
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    Body.JSON.writeValue(response.getOutputStream(), node);
  }

  static HubException internal() {
    return new HubException(500, "internal-error", "Internal error",
        "the hub failed to process the request; quote the request id to the operator");
  }

  static HubException unavailable() {
    return new HubException(503, "unavailable", "Service unavailable", "the hub cannot reach its database; retry later");
  }
}
