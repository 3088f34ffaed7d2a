package dev.shuqiao.provider;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The push mode endpoint (docs/exchange.md §4): mount it at the {@code endpointUrl} the department
 * registered with the hub. {@code POST} a relay message; the answer is 200 with the reply, or an
 * RFC 9457 problem ({@code application/problem+json}) with its status. The ticket inside the
 * message is the authentication: the servlet needs no container security.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler();
 * context.addServlet(new ServletHolder(new ProviderServlet(provider)), "/shuqiao/exchange");
 * }</pre>
 *
 * <p>Bodies over the provider's {@code maxRelayBytes} are refused with 413 before they are read in
 * full; other methods get 405, other content types 415; no mistake of the caller is a 5xx.
 */
public final class ProviderServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient ExchangeProvider provider;

  public ProviderServlet(ExchangeProvider provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!"POST".equals(request.getMethod())) {
      response.setHeader("Allow", "POST");
      problem(response, new Refusal("method-not-allowed", 405, "the exchange endpoint takes POST only"));
      return;
    }
    String type = request.getContentType();
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      problem(response, new Refusal("unsupported-media-type", 415, "a relay message is application/json"));
      return;
    }
    int max = provider.maxRelayBytes();
    InputStream in = request.getInputStream();
    byte[] body = request.getContentLengthLong() > max ? null : read(in, max);
    if (body == null) {
      // Read the rest (bounded) before answering: a server that closes with unread bytes sends a TCP
      // reset, and the client may lose the 413 it was about to read. A body too large even for that
      // is cut off with "Connection: close".
      if (!discard(in, Math.max(max, 1 << 20))) {
        response.setHeader("Connection", "close");
      }
      problem(response, new Refusal("body-too-large", 413, "the relay message is over " + max + " bytes"));
      return;
    }
    write(response, provider.handle(body));
  }

  /** The body, or null when it is longer than {@code max}. */
  private static byte[] read(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      if (out.size() + n > max) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** Reads and drops at most {@code limit} bytes; true when the body ended within them. */
  private static boolean discard(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[8192];
    for (long left = limit; left >= 0; ) {
      int n = in.read(buffer);
      if (n < 0) {
        return true;
      }
      left -= n;
    }
    return false;
  }

  private static void problem(HttpServletResponse response, Refusal refusal) throws IOException {
    write(response, ProviderReply.refused(null, refusal));
  }

  private static void write(HttpServletResponse response, ProviderReply reply) throws IOException {
    byte[] body = reply.body();
    response.setStatus(reply.status());
    response.setContentType(reply.contentType());
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
