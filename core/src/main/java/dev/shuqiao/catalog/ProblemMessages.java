package dev.shuqiao.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Problem text in Chinese: the rule's sentence (what is wrong and how to fix it) from
 * {@code problem-messages-zh-CN.properties}, the values the English message quotes, and the resource
 * and path. English stays the default and the detailed form.
 */
final class ProblemMessages {

  private static final Properties CHINESE = load("problem-messages-zh-CN.properties");

  private ProblemMessages() {}

  static boolean isChinese(Locale locale) {
    return locale != null && locale.getLanguage().equals("zh");
  }

  /** The Chinese sentence of {@code rule}, or empty if the table lacks it. */
  static Optional<String> chinese(CatalogRule rule) {
    return Optional.ofNullable(CHINESE.getProperty(rule.id()));
  }

  static String chinese(Problem problem) {
    StringBuilder text = new StringBuilder(chinese(problem.rule()).orElse(problem.message()));
    List<String> quoted = quoted(problem.message());
    if (!quoted.isEmpty()) {
      text.append("（涉及：").append(String.join("、", quoted)).append("）");
    }
    return text.toString();
  }

  /** The 'single-quoted' values of an English message, at most three, quotes kept. */
  static List<String> quoted(String message) {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (out.size() < 3) {
      int open = message.indexOf('\'', from);
      int close = open < 0 ? -1 : message.indexOf('\'', open + 1);
      if (close < 0) {
        break;
      }
      out.add(message.substring(open, close + 1));
      from = close + 1;
    }
    return out;
  }

  private static Properties load(String resource) {
    Properties properties = new Properties();
    try (InputStream in = ProblemMessages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
