package dev.shuqiao.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.client.RawRequests;
import dev.shuqiao.exchange.ExchangeTicket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider behind a firewall: polls the hub (signed as the provider), hands each relay message to the stand-in, replies. */
final class Poller implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  final AtomicInteger polls = new AtomicInteger();
  final List<Integer> replyStatuses = new CopyOnWriteArrayList<>();
  private final ProviderStandIn standIn;
  private final RawRequests raw;
  private final Thread thread;
  private volatile boolean stopped;

  Poller(ProviderStandIn standIn, RawRequests raw) {
    this.standIn = standIn;
    this.raw = raw;
    this.thread = new Thread(this::loop, "exchange-poller");
    thread.setDaemon(true);
  }

  /** Polls once without waiting (so the hub counts the provider as pulling from now on), then keeps polling. */
  Poller start() {
    RawRequests.Answer first = poll(0);
    if (first.status() != 200) {
      throw new IllegalStateException("first poll: " + first.status() + " " + first.body());
    }
    thread.start();
    return this;
  }

  RawRequests.Answer poll(int waitSeconds) {
    polls.incrementAndGet();
    return raw.send("POST", "v1/exchanges/poll", ("{\"waitSeconds\":" + waitSeconds + ",\"max\":16}")
        .getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private void loop() {
    while (!stopped) {
      try {
        RawRequests.Answer answer = poll(1);
        if (answer.status() != 200) {
          continue;
        }
        for (JsonNode item : JSON.readTree(answer.body()).path("items")) {
          String messageId = ExchangeTicket.parseUnverified(item.path("ticket").asText()).messageId().toString();
          ProviderStandIn.Answer handled = standIn.handle(item.toString().getBytes(StandardCharsets.UTF_8));
          byte[] reply = handled.body();
          if (handled.status() != 200) {
            ObjectNode refusal = JSON.createObjectNode();
            refusal.put("messageId", messageId);
            refusal.set("problem", JSON.readTree(handled.body()));
            reply = refusal.toString().getBytes(StandardCharsets.UTF_8);
          }
          replyStatuses.add(raw.send("POST", "v1/exchanges/" + messageId + "/reply", reply, Map.of()).status());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        if (!stopped) {
          throw e;
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(5_000);
  }
}
