package dev.shuqiao.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shuqiao.client.model.ValidationProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Maps an RFC 9457 problem+json answer to the typed exception of its status. */
final class Problems {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  static ShuqiaoException from(int status, byte[] body, String requestId) {
    JsonNode problem;
    try {
      problem = JSON.readTree(body);
    } catch (IOException e) {
      problem = null;
    }
    if (problem == null || !problem.isObject()) {
      return new ShuqiaoException("the hub answered HTTP " + status, status, "unknown", requestId, null);
    }
    String typeUri = problem.path("type").asText("unknown");
    String type = typeUri.substring(typeUri.lastIndexOf('/') + 1);
    String message = problem.path("title").asText("HTTP " + status) + ": " + problem.path("detail").asText("");
    String hubRequestId = problem.path("requestId").asText(requestId);
    return switch (status) {
      case 400, 413, 422 -> new ValidationException(message, status, type, hubRequestId,
          problem.path("field").isTextual() ? problem.get("field").asText() : null, problems(problem.path("problems")));
      case 401 -> new AuthenticationException(message, status, type, hubRequestId);
      case 403 -> new ForbiddenException(message, status, type, hubRequestId);
      case 404 -> new NotFoundException(message, status, type, hubRequestId);
      case 409 -> new ConflictException(message, status, type, hubRequestId);
      case 503 -> new ServiceUnavailableException(message, status, type, hubRequestId);
      default -> new ShuqiaoException(message, status, type, hubRequestId, null);
    };
  }

  private static List<ValidationProblem> problems(JsonNode array) {
    List<ValidationProblem> problems = new ArrayList<>();
    for (JsonNode p : array) {
      problems.add(new ValidationProblem(p.path("path").asText(), p.path("ruleId").asText(), p.path("severity").asText(),
          p.path("message").asText(), p.path("line").asInt(0), p.path("column").asInt(0)));
    }
    return problems;
  }
}
