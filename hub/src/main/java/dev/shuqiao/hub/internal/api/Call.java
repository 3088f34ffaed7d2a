package dev.shuqiao.hub.internal.api;

import dev.shuqiao.hub.internal.service.Caller;
import dev.shuqiao.hub.internal.service.HubException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One authenticated API call: who, the decoded path segments, the query and the body. */
record Call(Caller caller, List<String> segments, Map<String, String> query, byte[] body) {

  static final int MAX_QUERY_VALUE = 200;
  static final int MAX_PAGE_SIZE = 100;
  static final int MAX_PAGE = 10_000;

  String segment(int index) {
    return segments.get(index);
  }

  String param(String name) {
    String value = query.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  int page() {
    return intParam("page", 0, 0, MAX_PAGE);
  }

  int size() {
    return intParam("size", 20, 1, MAX_PAGE_SIZE);
  }

  private int intParam(String name, int fallback, int min, int max) {
    String value = param(name);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw HubException.badField(name, name + " must be an integer from " + min + " to " + max);
  }

  /** Parses a raw query string; a value longer than {@value #MAX_QUERY_VALUE} characters is a 400. */
  static Map<String, String> parseQuery(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (value.length() > MAX_QUERY_VALUE || name.length() > 64) {
        throw HubException.badField(name.length() > 64 ? "query" : name, "query parameter is too long");
      }
      if (query.putIfAbsent(name, value) != null) {
        throw HubException.badField(name, name + " is given more than once");
      }
    }
    return query;
  }

  static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new HubException(400, "malformed-uri", "The request URI is malformed", "bad percent-encoding");
    }
  }
}
