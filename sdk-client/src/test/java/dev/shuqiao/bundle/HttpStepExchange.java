package dev.shuqiao.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The runner's side of {@link FakeHub} over HTTP: a lost connection is an unknown outcome (same bytes again). */
final class HttpStepExchange implements StepExchange {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI hub;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  HttpStepExchange(URI hub) {
    this.hub = hub;
  }

  @Override
  public Prepared prepare(Call call) {
    return FakeHub.prepare(call);
  }

  @Override
  public Prepared restore(byte[] bytes) {
    return FakeHub.restore(bytes);
  }

  @Override
  public List<ObjectNode> send(Prepared prepared) throws Failure {
    JsonNode reply;
    try {
      HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(hub).timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofByteArray(prepared.bytes())).build(), HttpResponse.BodyHandlers.ofByteArray());
      reply = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new Failure("no answer from the hub: " + e.getClass().getSimpleName(), false, false, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted", false, false, null);
    }
    if (reply.has("records")) {
      List<ObjectNode> records = new ArrayList<>();
      reply.get("records").forEach(r -> records.add((ObjectNode) r));
      return records;
    }
    Duration retryAfter = reply.has("retryAfterMs") ? Duration.ofMillis(reply.get("retryAfterMs").asLong()) : null;
    throw new Failure(reply.path("reason").asText(), reply.path("spent").asBoolean(), reply.path("denied").asBoolean(),
        retryAfter);
  }
}
