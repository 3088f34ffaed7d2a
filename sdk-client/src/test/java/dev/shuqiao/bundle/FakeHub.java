package dev.shuqiao.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real, in-process stand-in for the hub and the providers behind it, for the runner's tests until
 * the exchange channel works end to end: what it keeps per message id and how it answers a repeat
 * follow docs/exchange.md §6 (stored answer for a final state, in progress while pending, refusal of
 * a reused id with other bytes). The "sealed query" is the call as JSON (no crypto here: the runner
 * only ever handles it as opaque bytes). Reachable in-process ({@link #exchange()}) or over HTTP
 * ({@link #start()}, {@link HttpStepExchange}) for a runner in another JVM.
 */
final class FakeHub implements AutoCloseable {

  /** A provider's handler for one resource. */
  interface Handler {
    List<ObjectNode> handle(String messageId, Map<String, String> parameters) throws StepExchange.Failure;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  private final Map<UUID, Exchange> exchanges = new ConcurrentHashMap<>();
  /** Handler runs per resource code (what "delivered twice" would show). */
  final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  /** Every query the handlers saw: resource code → parameters, in order. */
  final List<Map.Entry<String, Map<String, String>>> queries = new CopyOnWriteArrayList<>();
  /** Resends answered from the store (no handler run). */
  final AtomicInteger replayed = new AtomicInteger();
  private HttpServer server;

  private static final class Exchange {
    final byte[] bytes;
    volatile boolean done;
    volatile List<ObjectNode> records;
    volatile StepExchange.Failure failure;

    Exchange(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  FakeHub handle(String resourceCode, Handler handler) {
    handlers.put(resourceCode, handler);
    return this;
  }

  int runs(String resourceCode) {
    AtomicInteger count = runs.get(resourceCode);
    return count == null ? 0 : count.get();
  }

  static ObjectNode record(String... itemsAndValues) {
    ObjectNode record = JSON.createObjectNode();
    for (int i = 0; i < itemsAndValues.length; i += 2) {
      record.put(itemsAndValues[i], itemsAndValues[i + 1]);
    }
    return record;
  }

  // ---- the two-phase exchange, as the runner sees it

  static StepExchange.Prepared prepare(StepExchange.Call call) {
    ObjectNode query = JSON.createObjectNode().put("messageId", UUID.randomUUID().toString())
        .put("resourceCode", call.resourceCode()).put("caseId", call.caseId()).put("purpose", call.purpose());
    query.putPOJO("items", call.items());
    ObjectNode parameters = query.putObject("parameters");
    call.parameters().forEach(parameters::put);
    try {
      return restore(JSON.writeValueAsBytes(query));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static StepExchange.Prepared restore(byte[] bytes) {
    try {
      UUID id = UUID.fromString(JSON.readTree(bytes).path("messageId").asText());
      byte[] copy = bytes.clone();
      return new StepExchange.Prepared() {
        @Override
        public UUID messageId() {
          return id;
        }

        @Override
        public byte[] bytes() {
          return copy.clone();
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  StepExchange exchange() {
    return new StepExchange() {
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
        return answer(prepared.bytes());
      }
    };
  }

  /** The hub's answer to a query: idempotent by message id (docs/exchange.md §6). */
  List<ObjectNode> answer(byte[] bytes) throws StepExchange.Failure {
    JsonNode query;
    try {
      query = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new StepExchange.Failure("malformed query", true, true, null);
    }
    UUID id = UUID.fromString(query.path("messageId").asText());
    Exchange fresh = new Exchange(bytes.clone());
    Exchange existing = exchanges.putIfAbsent(id, fresh);
    if (existing != null) {
      if (!Arrays.equals(existing.bytes, bytes)) {
        throw new StepExchange.Failure("message-id-reused", true, true, null);
      }
      if (!existing.done) {
        throw new StepExchange.Failure("exchange-in-progress", false, false, Duration.ofMillis(20));
      }
      replayed.incrementAndGet();
      if (existing.failure != null) {
        throw existing.failure;
      }
      return existing.records;
    }
    String resource = query.path("resourceCode").asText();
    Map<String, String> parameters = new LinkedHashMap<>();
    query.path("parameters").fields().forEachRemaining(f -> parameters.put(f.getKey(), f.getValue().asText()));
    Handler handler = handlers.get(resource);
    runs.computeIfAbsent(resource, k -> new AtomicInteger()).incrementAndGet();
    queries.add(Map.entry(resource, parameters));
    try {
      if (handler == null) {
        throw new StepExchange.Failure("provider-refused: no-handler", true, true, null);
      }
      fresh.records = List.copyOf(handler.handle(id.toString(), parameters));
      return fresh.records;
    } catch (StepExchange.Failure failure) {
      fresh.failure = failure;
      throw failure;
    } finally {
      fresh.done = true;
    }
  }

  // ---- over HTTP, for a runner in another JVM

  URI start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/send", http -> {
      byte[] body = http.getRequestBody().readAllBytes();
      ObjectNode reply = JSON.createObjectNode();
      try {
        reply.putPOJO("records", answer(body));
      } catch (StepExchange.Failure f) {
        reply.put("reason", f.getMessage()).put("spent", f.spent).put("denied", f.denied);
        if (f.retryAfter != null) {
          reply.put("retryAfterMs", f.retryAfter.toMillis());
        }
      } catch (RuntimeException e) {
        reply.put("reason", "fake hub: " + e).put("spent", true).put("denied", false);
      }
      byte[] out = JSON.writeValueAsBytes(reply);
      http.sendResponseHeaders(200, out.length);
      http.getResponseBody().write(out);
      http.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/send");
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  /** Lists the resources whose handler ran more than once. */
  List<String> deliveredTwice() {
    List<String> twice = new ArrayList<>();
    runs.forEach((resource, count) -> {
      if (count.get() > 1) {
        twice.add(resource + " ×" + count.get());
      }
    });
    return twice;
  }
}
