package dev.shuqiao.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.client.RawRequests;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.provider.ExchangeProvider;
import dev.shuqiao.provider.ProviderReply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only pull mode (docs/exchange.md §4) for a provider behind a firewall: it connects out to
 * the hub, holds {@code POST /v1/exchanges/poll}, answers each relay message with {@link
 * ExchangeProvider#handle} and posts the reply to {@code /v1/exchanges/{id}/reply}, all signed by
 * the provider department. It stands in for the SDK's own connection until that ships.
 */
final class PullLoop implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExchangeProvider provider;
  private final DepartmentIdentity identity;
  private final ExecutorService threads;
  private volatile URI hub;
  private volatile boolean running = true;
  final AtomicInteger polls = new AtomicInteger();

  PullLoop(ExchangeProvider provider, DepartmentIdentity identity, URI hub, int pollers) {
    this.provider = provider;
    this.identity = identity;
    this.hub = hub;
    this.threads = Executors.newFixedThreadPool(pollers + 8);
    for (int i = 0; i < pollers; i++) {
      threads.execute(this::poll);
    }
  }

  void hub(URI hub) {
    this.hub = hub;
  }

  private void poll() {
    int failures = 0;
    while (running) {
      try {
        RawRequests raw = new RawRequests(hub, identity);
        RawRequests.Answer answer = raw.send("POST", "/v1/exchanges/poll",
            "{\"waitSeconds\":2,\"max\":16}".getBytes(StandardCharsets.UTF_8), Map.of());
        polls.incrementAndGet();
        if (answer.status() != 200) {
          throw new IllegalStateException("poll answered " + answer.status());
        }
        failures = 0;
        for (JsonNode relay : JSON.readTree(answer.body()).path("items")) {
          threads.execute(() -> answer(relay));
        }
      } catch (Exception e) {
        if (!running) {
          return;
        }
        // The hub is restarting or unreachable: back off a little, as a real poller would.
        failures = Math.min(failures + 1, 5);
        pause(50L << failures);
      }
    }
  }

  private void answer(JsonNode relay) {
    try {
      ProviderReply reply = provider.handle(JSON.writeValueAsBytes(relay));
      String messageId = reply.messageId().orElse(null);
      if (messageId == null) {
        return; // a relay message naming no exchange: nothing to reply to
      }
      byte[] body = reply.body();
      if (!reply.delivered()) {
        ObjectNode problem = (ObjectNode) JSON.readTree(body);
        problem.remove("messageId");
        ObjectNode wrapped = JSON.createObjectNode().put("messageId", messageId);
        wrapped.set("problem", problem);
        body = JSON.writeValueAsBytes(wrapped);
      }
      new RawRequests(hub, identity).send("POST", "/v1/exchanges/" + messageId + "/reply", body, Map.of());
    } catch (Exception e) {
      // the hub went away meanwhile; it relays the exchange again when asked again
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
  }
}
