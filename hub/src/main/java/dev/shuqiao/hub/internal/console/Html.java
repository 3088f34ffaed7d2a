package dev.shuqiao.hub.internal.console;

/**
 * Builds a page's HTML. Every value from outside (names, reasons, purposes, query text) goes
 * through {@link #text}, which escapes it for element content and quoted attributes alike;
 * {@link #raw} takes only markup written in this package.
 */
final class Html {

  private final StringBuilder out = new StringBuilder(4096);

  static String escape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  /** A URL query component. */
  static String query(String value) {
    return java.net.URLEncoder.encode(value == null ? "" : value, java.nio.charset.StandardCharsets.UTF_8);
  }

  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  Html text(String value) {
    out.append(escape(value));
    return this;
  }

  /** {@code <tag>escaped</tag>}. */
  Html el(String tag, String value) {
    out.append('<').append(tag).append('>').append(escape(value)).append("</").append(tag.split(" ")[0]).append('>');
    return this;
  }

  /** A hidden CSRF field for a form. */
  Html csrf(String token) {
    return raw("<input type=\"hidden\" name=\"_csrf\" value=\"").text(token).raw("\">");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
