package dev.shuqiao.catalog;

/**
 * Invisible characters in descriptor text: a value made only of them counts as blank, and messages
 * show them escaped (<code>&#92;u200B</code>), so that what a reader sees is what the catalog holds.
 */
final class VisibleText {

  private VisibleText() {}

  /** Whether {@code text} has at least one character a reader can see. */
  static boolean hasVisible(String text) {
    return text.codePoints().anyMatch(cp -> !invisible(cp));
  }

  /** {@code text} with every invisible character but the plain space written as <code>&#92;uXXXX</code>. */
  static String escape(String text) {
    if (!needsEscape(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(cp -> {
      if (cp != ' ' && invisible(cp)) {
        out.append(cp > 0xFFFF ? String.format("\\U%08X", cp) : String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  private static boolean needsEscape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // Printable ASCII and CJK ideographs, the bulk of every message, are visible.
      if (c >= 0x21 && c <= 0x7E || c == ' ' || c >= 0x4E00 && c <= 0x9FFF) {
        continue;
      }
      if (invisible(text.codePointAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * White space of every kind, format characters (zero-width space and joiners, BOM, bidi controls),
   * controls, unassigned and private-use code points, lone surrogates, combining marks (which show
   * nothing on their own), and the blank letters Unicode lists as default-ignorable or blank-looking
   * (Hangul fillers, braille blank, Mongolian vowel separator).
   */
  static boolean invisible(int cp) {
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.FORMAT, Character.CONTROL, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE,
          Character.NON_SPACING_MARK, Character.ENCLOSING_MARK:
        return true;
      default:
        return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800 || cp == 0x180E
            || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }
  }
}
