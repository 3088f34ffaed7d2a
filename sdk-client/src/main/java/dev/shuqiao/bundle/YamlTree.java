package dev.shuqiao.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shuqiao.catalog.SourcePosition;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A bundle definition read into a small tree whose every value and key keeps its source position.
 * Same parser stack and limits as the catalog's descriptor reader (Jackson streaming over SnakeYAML,
 * duplicate keys reported instead of silently merged); the catalog's tree is package-private to
 * {@code dev.shuqiao.catalog}, and a definition is small, so this is the whole of it.
 */
abstract class YamlTree {

  static final int MAX_CHARS = 1 << 20;
  private static final int MAX_DEPTH = 16;
  private static final YAMLFactory YAML = factory();

  final SourcePosition position;

  YamlTree(SourcePosition position) {
    this.position = position;
  }

  abstract String kind();

  static final class Entry {
    final String key;
    final SourcePosition keyPosition;
    YamlTree value;

    Entry(String key, SourcePosition keyPosition) {
      this.key = key;
      this.keyPosition = keyPosition;
    }
  }

  static final class MapNode extends YamlTree {
    final List<Entry> entries = new ArrayList<>();

    MapNode(SourcePosition position) {
      super(position);
    }

    Entry entry(String key) {
      for (Entry entry : entries) {
        if (entry.key.equals(key)) {
          return entry;
        }
      }
      return null;
    }

    @Override
    String kind() {
      return "an object";
    }
  }

  static final class ListNode extends YamlTree {
    final List<YamlTree> elements = new ArrayList<>();

    ListNode(SourcePosition position) {
      super(position);
    }

    @Override
    String kind() {
      return "a list";
    }
  }

  static final class Scalar extends YamlTree {
    final String text;
    final JsonToken token;

    Scalar(SourcePosition position, String text, JsonToken token) {
      super(position);
      this.text = text;
      this.token = token;
    }

    boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }

    boolean isText() {
      return token == JsonToken.VALUE_STRING;
    }

    @Override
    String kind() {
      return switch (token) {
        case VALUE_NULL -> "null";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        default -> "text";
      };
    }
  }

  private static YAMLFactory factory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CHARS);
    options.setMaxAliasesForCollections(20);
    options.setAllowDuplicateKeys(true); // reported below with both positions
    options.setNestingDepthLimit(MAX_DEPTH);
    StreamReadConstraints limits = StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
        .maxStringLength(1 << 16).build();
    return YAMLFactory.builder().loaderOptions(options).streamReadConstraints(limits).build();
  }

  /** The document's root, or null after reporting why it could not be read. */
  static YamlTree parse(String source, String text, Consumer<BundleProblem> problems) {
    if (text.length() > MAX_CHARS) {
      problems.accept(BundleRule.PARSE_ERROR.at(new SourcePosition(source, 1, 1), "",
          "the definition has " + text.length() + " characters, more than " + MAX_CHARS,
          "a bundle definition is a page of YAML; split unrelated bundles into files of their own"));
      return null;
    }
    try (JsonParser parser = YAML.createParser(text)) {
      Deque<YamlTree> open = new ArrayDeque<>();
      YamlTree root = null;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        JsonLocation at = parser.currentTokenLocation();
        SourcePosition position = new SourcePosition(source, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
        YamlTree done = null;
        switch (token) {
          case START_OBJECT -> open.push(new MapNode(position));
          case START_ARRAY -> open.push(new ListNode(position));
          case END_OBJECT, END_ARRAY -> done = open.pop();
          case FIELD_NAME -> {
            MapNode map = (MapNode) open.peek();
            Entry first = map.entry(parser.currentName());
            if (first != null) {
              problems.accept(BundleRule.DUPLICATE_KEY.at(position, "", "key '" + parser.currentName()
                  + "' appears twice in one object (first at line " + first.keyPosition.line() + ")",
                  "keep one of them; only the first is read"));
            }
            map.entries.add(new Entry(parser.currentName(), position));
          }
          default -> done = new Scalar(position, token == JsonToken.VALUE_NULL ? "" : parser.getText(), token);
        }
        if (done == null) {
          continue;
        }
        YamlTree parent = open.peek();
        if (parent == null) {
          root = done;
        } else if (parent instanceof MapNode map) {
          Entry last = map.entries.get(map.entries.size() - 1);
          if (last.value == null) {
            last.value = done;
          }
        } else {
          ((ListNode) parent).elements.add(done);
        }
      }
      if (root == null) {
        problems.accept(BundleRule.PARSE_ERROR.at(new SourcePosition(source, 1, 1), "", "the document is empty",
            "start from the example in docs/bundle.md"));
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      SourcePosition position = at == null ? new SourcePosition(source, 1, 1)
          : new SourcePosition(source, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
      String message = e.getOriginalMessage() == null ? "not well-formed" : e.getOriginalMessage().lines().findFirst()
          .orElse("not well-formed").strip();
      problems.accept(BundleRule.PARSE_ERROR.at(position, "", "the document is not well-formed YAML: " + message,
          "fix the YAML syntax at this position (indentation, quotes, a missing ':')"));
      return null;
    } catch (IOException e) {
      problems.accept(BundleRule.PARSE_ERROR.at(new SourcePosition(source, 1, 1), "",
          "cannot read the document: " + e.getMessage(), "check the file"));
      return null;
    }
  }
}
