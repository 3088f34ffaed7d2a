package dev.shuqiao.hub;

import dev.shuqiao.hub.internal.console.ConsoleTestSupport.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted browser for the console over plain HTTP: keeps cookies by hand, follows no
 * redirects, so tests can craft requests a page would never send (no CSRF token, a forged cookie).
 */
final class ConsoleClient {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final URI base;
  final Map<String, String> cookies = new LinkedHashMap<>();

  ConsoleClient(URI hub) {
    this.base = hub.resolve("/console");
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  HttpResponse<String> post(String path, Map<String, String> form) {
    return post(path, form, null);
  }

  /** A form POST with an {@code Origin} header (as a browser sends), unless null. */
  HttpResponse<String> post(String path, Map<String, String> form, String origin) {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return send(request);
  }

  /** The sign-in page, then the form posted with its token; the response to the POST. */
  HttpResponse<String> signIn(Credentials who, String password, Instant now) {
    String token = csrf(get("/sign-in").body());
    return post("/sign-in", Map.of("_csrf", token, "username", who.username(), "password", password, "code", who.code(now)));
  }

  /** The CSRF token of a signed-in page. */
  String csrf() {
    return csrf(get("/applications").body());
  }

  static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    if (!m.find()) {
      throw new AssertionError("no CSRF field in the page: " + page);
    }
    return m.group(1);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (!cookies.isEmpty()) {
      request.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (String header : response.headers().allValues("Set-Cookie")) {
        String pair = header.split(";", 2)[0];
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        if (value.isEmpty() || header.contains("Max-Age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return response;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static List<String> setCookies(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie");
  }
}
