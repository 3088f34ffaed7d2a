package dev.shuqiao.client;

import dev.shuqiao.crypto.DepartmentIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Hand-made requests for the hub's bad-input tests: signed exactly as the client signs (same
 * package, so the real {@link RequestSigner}), then optionally tampered with after signing.
 */
public final class RawRequests {

  /** What the hub answered. */
  public record Answer(int status, String contentType, String body, Request sent, okhttp3.Headers headers) {

    /** A response header, or null. */
    public String header(String name) {
      return headers.get(name);
    }
  }

  private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(java.time.Duration.ofSeconds(60)).build();
  private final HttpUrl endpoint;
  private final RequestSigner signer;

  public RawRequests(URI endpoint, DepartmentIdentity identity) {
    this(endpoint, identity, Clock.systemUTC());
  }

  public RawRequests(URI endpoint, DepartmentIdentity identity, Clock clock) {
    this.endpoint = HttpUrl.get(endpoint.toString());
    this.signer = new RequestSigner(identity, clock);
  }

  /** A correctly signed request of {@code pathAndQuery} (already encoded) with {@code body}. */
  public Answer send(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
    return send(method, pathAndQuery, body, headers, UnaryOperator.identity());
  }

  /** Signs, applies {@code tamper} to the signed request, and sends it. */
  public Answer send(String method, String pathAndQuery, byte[] body, Map<String, String> headers,
      UnaryOperator<Request> tamper) {
    try {
      return execute(tamper.apply(signer.sign(request(method, pathAndQuery, body, headers))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens a signing session with a fully signed {@code POST /v1/sessions}; afterwards {@link #send}
   * signs GETs within it. Returns the hub's answer.
   */
  public Answer openSession() {
    SigningSession.Handshake handshake = signer.handshake();
    Answer answer = send("POST", "v1/sessions", handshake.body(), Map.of());
    if (answer.status() == 201) {
      signer.useSession(handshake, Codec.tree(answer.body().getBytes(StandardCharsets.UTF_8)));
    }
    return answer;
  }

  /** Signs with the open session whatever the method (the hub must refuse a change signed so). */
  public Answer sendInSession(String method, String pathAndQuery, byte[] body, UnaryOperator<Request> tamper) {
    try {
      return execute(tamper.apply(signer.sign(request(method, pathAndQuery, body, Map.of()), signer.session())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GET signed within the open session with the given nonce instead of the next counter. */
  public Answer sendInSessionWithNonce(String pathAndQuery, String nonce) {
    try {
      return execute(signer.sign(request("GET", pathAndQuery, null, Map.of()), signer.session(), nonce));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Signs with the department's key even if a session is open. */
  public Answer sendFullySigned(String method, String pathAndQuery, byte[] body) {
    try {
      return execute(signer.sign(request(method, pathAndQuery, body, Map.of()), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A signed HEAD (no body: its Content-Digest is the empty body's). */
  public Answer head(String pathAndQuery) {
    try {
      return execute(signer.sign(new Request.Builder().url(endpoint.resolve(pathAndQuery)).head().build()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same request without any signature headers. */
  public Answer sendUnsigned(String method, String pathAndQuery, byte[] body) {
    return execute(request(method, pathAndQuery, body, Map.of()));
  }

  /** Sends a request exactly as given (e.g. one already sent, to replay it). */
  public Answer execute(Request request) {
    try (Response response = HTTP.newCall(request).execute()) {
      return new Answer(response.code(), response.header("Content-Type"),
          response.body() == null ? "" : response.body().string(), request, response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Request request(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
    Request.Builder builder = new Request.Builder().url(endpoint.resolve(pathAndQuery));
    headers.forEach(builder::header);
    RequestBody requestBody = body == null ? null : RequestBody.create(body, MediaType.get("application/json"));
    if (requestBody == null && !method.equals("GET")) {
      requestBody = RequestBody.create(new byte[0], null);
    }
    return builder.method(method, requestBody).build();
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
