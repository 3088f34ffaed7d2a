package dev.shuqiao.catalog;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a descriptor file, which must be UTF-8 (a leading byte order mark is allowed). A file in
 * another encoding becomes one positioned problem naming the encoding found and how to convert it,
 * instead of a decoder exception without a position.
 */
final class DescriptorEncoding {

  private static final Charset GB18030 = Charset.forName("GB18030");

  private DescriptorEncoding() {}

  /** The text of {@code bytes}, or null after reporting why it is not UTF-8 to {@code problem}. */
  static String decode(String source, byte[] bytes, java.util.function.Consumer<Problem> problem) {
    String utf16 = utf16Or32(bytes);
    if (utf16 != null) {
      problem.accept(new Problem("", CatalogRule.PARSE_ERROR, "the file is " + utf16 + ", not UTF-8; save it as"
          + " UTF-8 (e.g. iconv -f " + utf16.split(" ")[0] + " -t UTF-8)", new SourcePosition(source, 1, 1)));
      return null;
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    var result = utf8.decode(in, out, true);
    if (!result.isError()) {
      utf8.flush(out);
      return out.flip().toString();
    }
    int bad = in.position();
    String found = isGb18030(bytes) ? "GBK/GB18030 (a Chinese legacy encoding)" : "not valid UTF-8";
    String hint = found.startsWith("GBK") ? "save it as UTF-8 (e.g. iconv -f GB18030 -t UTF-8)"
        : "save it as UTF-8";
    problem.accept(new Problem("", CatalogRule.PARSE_ERROR, "the file is " + found + ": byte 0x" + String.format("%02X", bytes[bad] & 0xff) + " at offset " + bad
        + " is not UTF-8; " + hint, position(source, out.flip(), bad)));
    return null;
  }

  /** The UTF-16 or UTF-32 form the bytes are in, by byte order mark or by NUL bytes of ASCII text. */
  private static String utf16Or32(byte[] b) {
    if (startsWith(b, 0x00, 0x00, 0xFE, 0xFF)) {
      return "UTF-32BE (byte order mark 00 00 FE FF)";
    }
    if (startsWith(b, 0xFF, 0xFE, 0x00, 0x00)) {
      return "UTF-32LE (byte order mark FF FE 00 00)";
    }
    if (startsWith(b, 0xFE, 0xFF)) {
      return "UTF-16BE (byte order mark FE FF)";
    }
    if (startsWith(b, 0xFF, 0xFE)) {
      return "UTF-16LE (byte order mark FF FE)";
    }
    if (b.length >= 2 && b[0] == 0 && b[1] != 0) {
      return "UTF-16BE (no byte order mark: every other byte is zero)";
    }
    if (b.length >= 2 && b[0] != 0 && b[1] == 0) {
      return "UTF-16LE (no byte order mark: every other byte is zero)";
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isGb18030(byte[] bytes) {
    try {
      GB18030.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Line and column of the first bad byte: the text decoded before it ends there. */
  private static SourcePosition position(String source, CharBuffer before, int offset) {
    int line = 1;
    int column = 1;
    while (before.hasRemaining()) {
      char c = before.get();
      if (c == '\n') {
        line++;
        column = 1;
      } else if (!Character.isLowSurrogate(c)) {
        column++;
      }
    }
    return new SourcePosition(source, line, column);
  }
}
