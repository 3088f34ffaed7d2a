package dev.shuqiao.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML or JSON into a positioned {@link Node} tree with Jackson's streaming parser. Malformed
 * input, duplicate keys, YAML aliases and a second document become {@link Problem}s, never exceptions.
 */
final class DescriptorParser {

  /** Descriptors of a whole city stay far below this; the cap stops a hostile file exhausting memory. */
  static final int MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;
  static final int MAX_DEPTH = 64;

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(constraints()).build();
  private static final YAMLFactory YAML = yamlFactory();

  private DescriptorParser() {}

  private static StreamReadConstraints constraints() {
    return StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(1 << 20).build();
  }

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_DOCUMENT_CHARS);
    options.setMaxAliasesForCollections(20);
    options.setAllowDuplicateKeys(true); // reported with a position by this parser instead
    options.setNestingDepthLimit(MAX_DEPTH);
    return YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints()).build();
  }

  /**
   * Parses {@code content}; JSON when its first non-blank character is '{', YAML otherwise.
   *
   * @return the root, or null when the document is malformed (the problem has been reported)
   */
  static Node parse(String source, Reader content, boolean json, Consumer<Problem> problems) {
    return parse(source, content, json, problems, null);
  }

  /**
   * Like {@link #parse(String, Reader, boolean, Consumer)}, but hands each element of the top-level
   * {@code resources} list to {@code onResource} as soon as it is read instead of keeping it in the
   * tree, so a city-sized catalog never lives in memory twice (as tree and as model).
   */
  static Node parse(String source, Reader content, boolean json, Consumer<Problem> problems,
      ObjIntConsumer<Node> onResource) {
    try (JsonParser parser = (json ? JSON : YAML).createParser(content)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.accept(new Problem("", CatalogRule.PARSE_ERROR, "the document is empty",
            new SourcePosition(source, 1, 1)));
        return null;
      }
      Node root = readValue(parser, source, json, problems, onResource);
      if (root == null) {
        return null;
      }
      // Reading stops at the end of the first value; whatever follows (a second YAML document, more
      // JSON) would otherwise be ignored unread, however broken. Reading on reports it.
      if (parser.nextToken() != null) {
        problems.accept(new Problem("", CatalogRule.PARSE_ERROR, json
            ? "content follows the end of the JSON object; a descriptor is exactly one object"
            : "a second YAML document starts here; a descriptor is exactly one document"
                + " — merge it into the first or move it to a file of its own",
            position(source, parser.currentTokenLocation())));
        return null;
      }
      return root;
    } catch (JsonProcessingException e) {
      String alias = aliasIn(e.getOriginalMessage());
      if (alias == null && e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        // SnakeYAML knows where the problem is; Jackson's location is that of its last token (for a tab,
        // the end of the line before it), and its message would keep only the context line.
        problems.accept(new Problem("", CatalogRule.PARSE_ERROR, describe(yaml, source), position(source, yaml.getProblemMark())));
        return null;
      }
      String message = alias == null ? describe(e) : aliasMessage(alias);
      problems.accept(new Problem("", CatalogRule.PARSE_ERROR, message, position(source, e.getLocation())));
      return null;
    } catch (IOException e) {
      problems.accept(new Problem("", CatalogRule.PARSE_ERROR, "cannot read the document: " + e.getMessage(),
          new SourcePosition(source, 1, 1)));
      return null;
    }
  }

  /** Reads the value at the current token iteratively, so deep documents cannot overflow the stack. */
  private static Node readValue(JsonParser parser, String source, boolean json, Consumer<Problem> problems,
      ObjIntConsumer<Node> onResource) throws IOException {
    TreeBuilder tree = new TreeBuilder(source, problems, onResource);
    JsonToken token = parser.currentToken();
    while (true) {
      int line;
      int column;
      if (json && parser instanceof ParserBase base) {
        // JSON: read the token position without allocating a JsonLocation per token.
        line = Math.max(1, base.getTokenLineNr());
        column = Math.max(1, base.getTokenColumnNr());
      } else {
        JsonLocation location = parser.currentTokenLocation();
        line = Math.max(1, location.getLineNr());
        column = Math.max(1, location.getColumnNr());
      }
      if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
        // Jackson hands an alias over as a string holding the anchor's name, so "abstract: *abs" would
        // read as the text "abs" and an undefined alias would pass: refuse them instead.
        problems.accept(new Problem("", CatalogRule.PARSE_ERROR, aliasMessage(parser.getText()),
            new SourcePosition(source, line, column)));
        return null;
      }
      switch (token) {
        case START_OBJECT -> tree.startObject(line, column);
        case START_ARRAY -> tree.startArray(line, column);
        case END_OBJECT, END_ARRAY -> tree.end();
        case FIELD_NAME -> tree.field(parser.currentName(), line, column);
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
            tree.scalar(parser.getText(), Node.ScalarNode.Type.NUMBER, line, column);
        case VALUE_TRUE, VALUE_FALSE -> tree.scalar(parser.getText(), Node.ScalarNode.Type.BOOLEAN, line, column);
        case VALUE_NULL -> tree.scalar("", Node.ScalarNode.Type.NULL, line, column);
        default -> tree.scalar(parser.getText(), Node.ScalarNode.Type.STRING, line, column);
      }
      if (tree.root() != null) {
        return tree.root();
      }
      token = parser.nextToken();
    }
  }

  private static SourcePosition position(String source, JsonLocation location) {
    if (location == null) {
      return new SourcePosition(source, 1, 1);
    }
    return new SourcePosition(source, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  private static SourcePosition position(String source, Mark mark) {
    return new SourcePosition(source, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** Context and problem of a SnakeYAML error, each without its source excerpt; the problem's position is the problem's. */
  private static String describe(MarkedYAMLException e, String source) {
    StringBuilder message = new StringBuilder("the document is not well-formed: ");
    if (e.getContext() != null) {
      message.append(e.getContext().strip());
      Mark context = e.getContextMark();
      if (context != null && (context.getLine() != e.getProblemMark().getLine()
          || context.getColumn() != e.getProblemMark().getColumn())) {
        message.append(" (at line ").append(context.getLine() + 1).append(", column ").append(context.getColumn() + 1)
            .append(")");
      }
      message.append(": ");
    }
    message.append(e.getProblem() == null ? "unexpected content" : e.getProblem().strip());
    return message.toString();
  }

  private static String aliasMessage(String anchor) {
    return "the YAML alias '*" + anchor + "' is not supported in descriptors; write the value out in full"
        + " where the alias stands";
  }

  /** The anchor of an alias where Jackson wanted a key ("*k: v"), which it reports by the event's name. */
  private static String aliasIn(String message) {
    String marker = "AliasEvent(anchor=";
    int at = message == null ? -1 : message.indexOf(marker);
    int end = at < 0 ? -1 : message.indexOf(')', at);
    return end < 0 ? null : message.substring(at + marker.length(), end);
  }

  /** The parser's own words, every line of them, without the location suffix Jackson appends. */
  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      return "the document is not well-formed";
    }
    StringBuilder words = new StringBuilder();
    for (String line : message.split("\\R")) {
      if (!line.isBlank()) {
        words.append(words.length() == 0 ? "" : "; ").append(line.strip());
      }
    }
    return "the document is not well-formed: " + words;
  }
}
