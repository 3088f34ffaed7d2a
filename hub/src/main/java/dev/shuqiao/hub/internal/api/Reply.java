package dev.shuqiao.hub.internal.api;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON answer: status and body. */
record Reply(int status, JsonNode body) {

  static Reply ok(JsonNode body) {
    return new Reply(200, body);
  }

  static Reply created(JsonNode body) {
    return new Reply(201, body);
  }
}
