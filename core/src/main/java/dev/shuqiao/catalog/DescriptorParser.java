package dev.shuqiao.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML or JSON into a positioned {@link Node} tree with Jackson's streaming parser. Malformed
 * input and duplicate keys become {@link Problem}s, never exceptions.
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
    try (JsonParser parser = (json ? JSON : YAML).createParser(content)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.accept(new Problem("", CatalogRule.PARSE_ERROR, "the document is empty",
            new SourcePosition(source, 1, 1)));
        return null;
      }
      return readValue(parser, source, problems);
    } catch (JsonProcessingException e) {
      problems.accept(new Problem("", CatalogRule.PARSE_ERROR, describe(e), position(source, e.getLocation())));
      return null;
    } catch (IOException e) {
      problems.accept(new Problem("", CatalogRule.PARSE_ERROR, "cannot read the document: " + e.getMessage(),
          new SourcePosition(source, 1, 1)));
      return null;
    }
  }

  /** Reads the value at the current token iteratively, so deep documents cannot overflow the stack. */
  private static Node readValue(JsonParser parser, String source, Consumer<Problem> problems) throws IOException {
    Deque<Node> stack = new ArrayDeque<>();
    Deque<String> pendingKeys = new ArrayDeque<>();
    Node root = null;
    JsonToken token = parser.currentToken();
    while (true) {
      SourcePosition at = position(source, parser.currentTokenLocation());
      Node completed = null;
      switch (token) {
        case START_OBJECT:
          stack.push(new Node.ObjectNode(at));
          break;
        case START_ARRAY:
          stack.push(new Node.ArrayNode(at));
          break;
        case END_OBJECT:
        case END_ARRAY:
          completed = stack.pop();
          break;
        case FIELD_NAME:
          pendingKeys.push(parser.currentName());
          Node.ObjectNode owner = (Node.ObjectNode) stack.peek();
          if (owner.keyPositions.containsKey(parser.currentName())) {
            problems.accept(new Problem("", CatalogRule.DUPLICATE_KEY, "key '" + parser.currentName()
                + "' appears twice in one object (first at line " + owner.keyPositions.get(parser.currentName()).line()
                + "); keep one", at));
          } else {
            owner.keyPositions.put(parser.currentName(), at);
          }
          break;
        case VALUE_STRING:
          completed = new Node.ScalarNode(at, parser.getText(), Node.ScalarNode.Type.STRING);
          break;
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          completed = new Node.ScalarNode(at, parser.getText(), Node.ScalarNode.Type.NUMBER);
          break;
        case VALUE_TRUE:
        case VALUE_FALSE:
          completed = new Node.ScalarNode(at, parser.getText(), Node.ScalarNode.Type.BOOLEAN);
          break;
        case VALUE_NULL:
          completed = new Node.ScalarNode(at, "", Node.ScalarNode.Type.NULL);
          break;
        default:
          completed = new Node.ScalarNode(at, parser.getText(), Node.ScalarNode.Type.STRING);
          break;
      }
      if (completed != null) {
        Node parent = stack.peek();
        if (parent == null) {
          root = completed;
          break;
        } else if (parent instanceof Node.ObjectNode object) {
          object.fields.putIfAbsent(pendingKeys.pop(), completed);
        } else {
          ((Node.ArrayNode) parent).elements.add(completed);
        }
      }
      token = parser.nextToken();
    }
    return root;
  }

  private static SourcePosition position(String source, JsonLocation location) {
    if (location == null) {
      return new SourcePosition(source, 1, 1);
    }
    return new SourcePosition(source, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  /** The parser's own words without the location suffix and source excerpt Jackson appends. */
  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "the document is not well-formed";
    }
    int newline = message.indexOf('\n');
    String firstLine = (newline < 0 ? message : message.substring(0, newline)).strip();
    return "the document is not well-formed: " + firstLine;
  }
}
