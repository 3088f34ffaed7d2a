package dev.shuqiao.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A fast reader for the plain block-style YAML that descriptors are written in: nested mappings and
 * lists by indentation, one-line plain, single- and double-quoted scalars, comments. It produces
 * exactly the tree {@link DescriptorParser} produces through Jackson and SnakeYAML (same values,
 * same scalar types, same positions) in a fraction of the time, which is what keeps a city-sized
 * {@code catalog.yaml} fast to validate.
 *
 * <p>It does not try to be a YAML parser. Anything outside that subset — anchors, tags, block
 * scalars, flow collections, multi-line scalars, tabs, several documents, and every syntax error —
 * makes {@link #read} return null; the caller then reads the document with the full parser, which
 * also explains any error. A differential test holds the two paths to the same trees.
 */
final class BlockYamlReader {

  /** The resolver Jackson's YAML parser uses, so plain scalars get the same types. */
  private static final Resolver RESOLVER = new Resolver();
  /** Stays below the full parser's limit so the limit is always reported by the full parser. */
  private static final int MAX_DEPTH = DescriptorParser.MAX_DEPTH - 2;
  /** SnakeYAML's limit for the length of an implicit key. */
  private static final int MAX_KEY_CHARS = 1024;
  private static final int EOF = -1;
  private static final int MAX_CACHED_VALUE_CHARS = 24;
  private static final int MAX_CACHED_VALUES = 4096;

  private final String text;
  private final int length;
  private final TreeBuilder out;
  private final Map<String, Node.ScalarNode.Type> types = new HashMap<>();
  private int pos;
  private int line = 1;
  private int lineStart;
  /** Indentation of the line whose content {@link #pos} is at, or {@link #EOF}. */
  private int indent;
  private int depth;

  private BlockYamlReader(String text, TreeBuilder out) {
    this.text = text;
    this.length = text.length();
    this.out = out;
  }

  /**
   * Reads {@code text} into a tree, or returns null when it is outside the supported subset (in
   * which case {@code problems} and {@code onResource} may have been called and their results must
   * be discarded).
   */
  static Node read(String source, String text, Consumer<Problem> problems, ObjIntConsumer<Node> onResource) {
    if (text.length() > DescriptorParser.MAX_DOCUMENT_CHARS) {
      return null;
    }
    TreeBuilder tree = new TreeBuilder(source, problems, onResource);
    try {
      new BlockYamlReader(text, tree).document();
    } catch (Unsupported e) {
      return null;
    }
    return tree.root();
  }

  private void document() {
    if (length > 0 && text.charAt(0) == '\uFEFF') {
      pos = 1;
      lineStart = 1; // SnakeYAML does not count the byte order mark as a column
    }
    nextContentLine();
    if (indent == EOF) {
      throw Unsupported.INSTANCE; // empty: the full parser says so
    }
    blockNode(indent, -1);
    if (indent != EOF) {
      throw Unsupported.INSTANCE;
    }
  }

  /** A mapping, a list or a scalar whose first content is at {@link #pos}, at column {@code col}. */
  private void blockNode(int col, int parentCol) {
    if (isListEntry()) {
      list(col);
      return;
    }
    int colon = keyColon();
    if (colon >= 0) {
      mapping(col, colon);
    } else {
      scalarToEndOfLine(parentCol);
    }
  }

  /** A mapping at column {@code col} whose first key ends at the ':' at {@code colon}. */
  private void mapping(int col, int colon) {
    enter();
    out.startObject(line, column(pos));
    while (true) {
      int keyLine = line;
      int keyColumn = column(pos);
      out.field(key(colon), keyLine, keyColumn);
      int emptyColumn = column(pos); // an empty value sits right after the ':'
      skipSpaces();
      if (atCommentOrLineEnd()) {
        int emptyLine = line;
        endLine();
        nextContentLine();
        if (indent > col) {
          blockNode(indent, col);
        } else if (indent == col && isListEntry()) {
          list(col); // a list indented no deeper than its key
        } else {
          out.scalar("", Node.ScalarNode.Type.STRING, emptyLine, emptyColumn); // as Jackson reads it
        }
      } else {
        scalarToEndOfLine(col);
      }
      if (indent < col) {
        break;
      }
      colon = indent == col ? keyColon() : -1;
      if (colon < 0) {
        throw Unsupported.INSTANCE;
      }
    }
    out.end();
    depth--;
  }

  private void list(int col) {
    enter();
    out.startArray(line, column(pos));
    while (true) {
      pos++; // the '-'
      int emptyLine = line;
      int emptyColumn = column(pos);
      skipSpaces();
      if (atCommentOrLineEnd()) {
        endLine();
        nextContentLine();
        if (indent > col) {
          blockNode(indent, col);
        } else {
          out.scalar("", Node.ScalarNode.Type.STRING, emptyLine, emptyColumn); // as Jackson reads it
        }
      } else if (isListEntry()) {
        throw Unsupported.INSTANCE; // "- - x": valid, but never written by hand in a descriptor
      } else {
        int colon = keyColon();
        if (colon >= 0) {
          mapping(pos - lineStart, colon);
        } else {
          scalarToEndOfLine(col);
        }
      }
      if (indent < col || indent == col && !isListEntry()) {
        break;
      }
      if (indent > col) {
        throw Unsupported.INSTANCE;
      }
    }
    out.end();
    depth--;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw Unsupported.INSTANCE;
    }
  }

  /**
   * A scalar that ends on this line, then the rest of the line; a next line indented deeper than
   * {@code parentCol} would continue the scalar (or be an error), which the full parser handles.
   */
  private void scalarToEndOfLine(int parentCol) {
    int scalarLine = line;
    int scalarColumn = column(pos);
    char c = text.charAt(pos);
    if (c == '"') {
      out.scalar(doubleQuoted(), Node.ScalarNode.Type.STRING, scalarLine, scalarColumn);
    } else if (c == '\'') {
      out.scalar(singleQuoted(), Node.ScalarNode.Type.STRING, scalarLine, scalarColumn);
    } else {
      String value = plain();
      Node.ScalarNode.Type type = cachedTypeOf(value);
      out.scalar(type == Node.ScalarNode.Type.NULL ? "" : value, type, scalarLine, scalarColumn);
    }
    int before = pos;
    skipSpaces();
    if (!atLineEnd() && !(text.charAt(pos) == '#' && pos > before)) {
      throw Unsupported.INSTANCE;
    }
    endLine();
    nextContentLine();
    if (indent > parentCol) {
      throw Unsupported.INSTANCE;
    }
  }

  /** The plain key from {@link #pos} up to the ':' at {@code colon} (found by {@link #keyColon}), which is consumed. */
  private String key(int colon) {
    int start = pos;
    for (; pos < colon; pos++) {
      checkPrintable(pos);
    }
    int end = pos;
    while (text.charAt(end - 1) == ' ') {
      end--;
    }
    pos++;
    if (end - start > MAX_KEY_CHARS) {
      throw Unsupported.INSTANCE;
    }
    return text.substring(start, end);
  }

  /**
   * If the content at {@link #pos} is a plain key followed by ": " or ":" at the line end, the index
   * of that ':'; otherwise -1.
   */
  private int keyColon() {
    if (!startsPlain(pos)) {
      return -1;
    }
    for (int i = pos; i < length; i++) {
      char c = text.charAt(i);
      if (c == ':' && isBlankOrEnd(i + 1)) {
        return i;
      }
      if (c == '\n' || c == '\r' || c == '#' && text.charAt(i - 1) == ' ') {
        return -1;
      }
    }
    return -1;
  }

  /** A one-line plain scalar, without trailing spaces. */
  private String plain() {
    if (!startsPlain(pos)) {
      throw Unsupported.INSTANCE; // an indicator: anchor, alias, tag, block scalar, flow collection...
    }
    int start = pos;
    int end = pos;
    while (pos < length) {
      char c = text.charAt(pos);
      if (c == '\n' || c == '\r' || c == '#' && text.charAt(pos - 1) == ' ') {
        break;
      }
      if (c == ':' && isBlankOrEnd(pos + 1)) {
        throw Unsupported.INSTANCE; // "a: b: c" is an error for the full parser to explain
      }
      checkPrintable(pos);
      pos++;
      if (c != ' ') {
        end = pos;
      }
    }
    pos = end;
    return text.substring(start, end);
  }

  private String singleQuoted() {
    StringBuilder value = null;
    int start = ++pos;
    while (true) {
      if (pos >= length) {
        throw Unsupported.INSTANCE;
      }
      char c = text.charAt(pos);
      if (c == '\'') {
        if (pos + 1 < length && text.charAt(pos + 1) == '\'') {
          value = append(value, start, pos + 1);
          pos += 2;
          start = pos;
          continue;
        }
        String result = value == null ? text.substring(start, pos) : value.append(text, start, pos).toString();
        pos++;
        return result;
      }
      if (c == '\n' || c == '\r') {
        throw Unsupported.INSTANCE; // folded over lines
      }
      checkPrintable(pos);
      pos++;
    }
  }

  private String doubleQuoted() {
    StringBuilder value = null;
    int start = ++pos;
    while (true) {
      if (pos >= length) {
        throw Unsupported.INSTANCE;
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String result = value == null ? text.substring(start, pos) : value.append(text, start, pos).toString();
        pos++;
        return result;
      }
      if (c == '\\') {
        value = append(value, start, pos);
        pos = escape(value, pos + 1);
        start = pos;
        continue;
      }
      if (c == '\n' || c == '\r') {
        throw Unsupported.INSTANCE; // folded over lines
      }
      checkPrintable(pos);
      pos++;
    }
  }

  /** Appends the escape at {@code at} (just after the backslash) and returns the index after it. */
  private int escape(StringBuilder value, int at) {
    if (at >= length) {
      throw Unsupported.INSTANCE;
    }
    char c = text.charAt(at);
    switch (c) {
      case '\\', '"' -> value.append(c);
      case 'n' -> value.append('\n');
      case 't' -> value.append('\t');
      case 'r' -> value.append('\r');
      case 'b' -> value.append('\b');
      case 'f' -> value.append('\f');
      case '0' -> value.append('\0');
      case 'u' -> {
        if (at + 5 > length) {
          throw Unsupported.INSTANCE;
        }
        int code = 0;
        for (int i = at + 1; i <= at + 4; i++) {
          int digit = Character.digit(text.charAt(i), 16);
          if (digit < 0) {
            throw Unsupported.INSTANCE;
          }
          code = code * 16 + digit;
        }
        if (Character.isSurrogate((char) code)) {
          throw Unsupported.INSTANCE;
        }
        value.append((char) code);
        return at + 5;
      }
      default -> throw Unsupported.INSTANCE; // rarer escapes and line continuations
    }
    return at + 1;
  }

  private StringBuilder append(StringBuilder value, int from, int to) {
    StringBuilder result = value == null ? new StringBuilder() : value;
    return result.append(text, from, to);
  }

  /**
   * {@link #typeOf}, remembered for short values: a catalog repeats the same few lengths, flags, types
   * and dates thousands of times, and each resolver call runs several regular expressions.
   */
  private Node.ScalarNode.Type cachedTypeOf(String value) {
    if (value.length() > MAX_CACHED_VALUE_CHARS) {
      return typeOf(value);
    }
    Node.ScalarNode.Type type = types.get(value);
    if (type == null) {
      type = typeOf(value);
      if (types.size() < MAX_CACHED_VALUES) {
        types.put(value, type);
      }
    }
    return type;
  }

  /** The type Jackson's YAML parser gives a plain scalar (it asks SnakeYAML's resolver, as here). */
  private static Node.ScalarNode.Type typeOf(String value) {
    Tag tag = RESOLVER.resolve(NodeId.scalar, value, true);
    if (tag == Tag.STR) {
      return Node.ScalarNode.Type.STRING;
    }
    if (tag == Tag.NULL) {
      return Node.ScalarNode.Type.NULL;
    }
    if (tag == Tag.BOOL) {
      return Node.ScalarNode.Type.BOOLEAN;
    }
    if (tag == Tag.FLOAT) {
      return Node.ScalarNode.Type.NUMBER;
    }
    if (tag == Tag.INT) {
      return decimalDigitsOnly(value) ? Node.ScalarNode.Type.NUMBER : Node.ScalarNode.Type.STRING;
    }
    return Node.ScalarNode.Type.STRING; // timestamps and the rest stay text
  }

  /**
   * Jackson reads an INT-tagged scalar as a number when it is decimal digits and underscores, and as
   * text otherwise (base-60); octal, hex and binary forms are left to the full parser.
   */
  private static boolean decimalDigitsOnly(String value) {
    int i = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
    if (i < value.length() && value.charAt(i) == '0' && i + 1 < value.length()) {
      throw Unsupported.INSTANCE;
    }
    for (; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < '0' || c > '9') && c != '_') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a plain scalar may start at {@code at}: not an indicator, except '-', '?' and ':'
   * followed by a non-blank. Quotes are handled by the caller.
   */
  private boolean startsPlain(int at) {
    char c = text.charAt(at);
    switch (c) {
      case '-', '?', ':' -> {
        return c == '-' && !isBlankOrEnd(at + 1) && !startsDocumentMarker(at);
      }
      case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> {
        return false;
      }
      default -> {
        return true;
      }
    }
  }

  private boolean startsDocumentMarker(int at) {
    return at == lineStart && text.startsWith("---", at) && isBlankOrEnd(at + 3);
  }

  private boolean isListEntry() {
    return indent != EOF && text.charAt(pos) == '-' && isBlankOrEnd(pos + 1);
  }

  private boolean isBlankOrEnd(int at) {
    if (at >= length) {
      return true;
    }
    char c = text.charAt(at);
    return c == ' ' || c == '\n' || c == '\r';
  }

  private void skipSpaces() {
    while (pos < length && text.charAt(pos) == ' ') {
      pos++;
    }
  }

  private boolean atLineEnd() {
    return pos >= length || text.charAt(pos) == '\n' || text.charAt(pos) == '\r';
  }

  private boolean atCommentOrLineEnd() {
    return atLineEnd() || text.charAt(pos) == '#';
  }

  /** Consumes an optional comment and the line break at {@link #pos}. */
  private void endLine() {
    while (pos < length) {
      char c = text.charAt(pos);
      if (c == '\n') {
        pos++;
        break;
      }
      if (c == '\r') {
        if (pos + 1 >= length || text.charAt(pos + 1) != '\n') {
          throw Unsupported.INSTANCE; // a lone CR
        }
        pos += 2;
        break;
      }
      checkPrintable(pos);
      pos++;
    }
    line++;
    lineStart = pos;
  }

  /**
   * Skips blank and comment lines from the start of a line, and leaves {@link #pos} at the first
   * content with {@link #indent} set, or {@link #indent} = {@link #EOF}.
   */
  private void nextContentLine() {
    while (true) {
      int start = pos;
      while (pos < length && text.charAt(pos) == ' ') {
        pos++;
      }
      if (pos >= length) {
        indent = EOF;
        return;
      }
      char c = text.charAt(pos);
      if (c == '\n' || c == '\r' || c == '#') {
        endLine();
        continue;
      }
      if (c == '\t' || pos == start && (c == '%' || startsDocumentMarker(pos)
          || text.startsWith("...", pos) && isBlankOrEnd(pos + 3))) {
        throw Unsupported.INSTANCE;
      }
      indent = pos - start;
      return;
    }
  }

  /**
   * Refuses what SnakeYAML does not accept or counts differently: control characters, tabs,
   * Unicode line separators, a byte order mark inside the text, unpaired surrogates.
   */
  private void checkPrintable(int at) {
    char c = text.charAt(at);
    if (c >= 0x20 && c <= 0x7E || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF
        || c >= 0xA0 && c <= 0xD7FF && c != '\u2028' && c != '\u2029') {
      return;
    }
    if (Character.isHighSurrogate(c) && at + 1 < length && Character.isLowSurrogate(text.charAt(at + 1))) {
      return;
    }
    if (Character.isLowSurrogate(c) && at > 0 && Character.isHighSurrogate(text.charAt(at - 1))) {
      return;
    }
    throw Unsupported.INSTANCE;
  }

  /** 1-based column of {@code at} in code points, as SnakeYAML counts. */
  private int column(int at) {
    int column = at - lineStart + 1;
    for (int i = lineStart; i < at; i++) {
      if (Character.isLowSurrogate(text.charAt(i))) {
        column--;
      }
    }
    return column;
  }

  /** The document leaves the supported subset; thrown without a stack trace, caught in {@link #read}. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Unsupported INSTANCE = new Unsupported();

    private Unsupported() {
      super(null, null, false, false);
    }
  }
}
