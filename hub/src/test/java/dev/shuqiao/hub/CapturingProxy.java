package dev.shuqiao.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP hop over real sockets that keeps a copy of every body it carries, both ways: what a
 * party sends to the hub and what the hub sends on. Its target can be switched (a restarted hub
 * listens on a new port); when the target does not answer, the client's connection is closed
 * without a response, as a crashed server's would be.
 */
final class CapturingProxy implements AutoCloseable {

  private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
      "transfer-encoding", "keep-alive");

  /** One request and its answer as the proxy carried them ({@code response} empty when none came). */
  record Carried(String requestLine, byte[] request, int status, byte[] response) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private volatile URI target;
  final List<Carried> carried = new CopyOnWriteArrayList<>();
  /** Requests received, counted on arrival (a carried one is recorded only once answered). */
  final java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();

  CapturingProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 256);
    server.setExecutor(threads);
    server.createContext("/", this::forward);
    server.start();
  }

  URI uri() {
    return URI.create("http://localhost:" + server.getAddress().getPort());
  }

  void target(URI target) {
    this.target = target;
  }

  /** Every byte carried either way, for searching. */
  byte[] allBytes() {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (Carried c : carried) {
      all.writeBytes(c.request());
      all.writeBytes(c.response());
    }
    return all.toByteArray();
  }

  private void forward(HttpExchange exchange) throws IOException {
    received.incrementAndGet();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String line = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
    HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
        .timeout(Duration.ofMinutes(2))
        .method(exchange.getRequestMethod(), body.length == 0
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> request.header(name, value));
      }
    });
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      carried.add(new Carried(line, body, 0, new byte[0]));
      exchange.close(); // no answer: the client sees the connection end, as with a crashed server
      return;
    }
    carried.add(new Carried(line, body, response.statusCode(), response.body()));
    try (exchange) {
      response.headers().map().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
