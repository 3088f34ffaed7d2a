package dev.shuqiao.audit;

import dev.shuqiao.audit.Checkpoint.NoteSignature;
import dev.shuqiao.audit.CheckpointException.Failure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Strict parser of a C2SP signed note carrying a tlog-checkpoint; canonical base64 only. */
final class CheckpointParser {

  private CheckpointParser() {}

  static Checkpoint parse(String note) {
    if (note.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
      throw malformed("contains a control character");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      throw malformed("no blank line before the signatures, or no final newline");
    }
    String body = note.substring(0, split + 1);
    String[] sigLines = note.substring(split + 2, note.length() - 1).split("\n", -1);
    List<NoteSignature> signatures = new ArrayList<>();
    for (String line : sigLines) {
      signatures.add(signature(line));
    }
    if (signatures.isEmpty() || signatures.size() > Checkpoint.maxSignatures()) {
      throw malformed(signatures.size() + " signature lines");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw malformed("a checkpoint body has an origin, a tree size and a root hash line");
    }
    for (String line : lines) {
      if (line.isEmpty()) {
        throw malformed("empty line in the checkpoint body");
      }
    }
    List<String> extensions = Arrays.asList(lines).subList(3, lines.length);
    return Checkpoint.parsed(lines[0], treeSize(lines[1]), base64(lines[2], "root hash"), extensions, body,
        signatures);
  }

  private static NoteSignature signature(String line) {
    if (!line.startsWith(Checkpoint.signaturePrefix())) {
      throw malformed("signature line does not start with an em dash and a space");
    }
    String rest = line.substring(Checkpoint.signaturePrefix().length());
    int space = rest.indexOf(' ');
    if (space <= 0) {
      throw malformed("signature line has no key name");
    }
    String name = rest.substring(0, space);
    try {
      Checkpoint.requireKeyName(name);
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
    byte[] blob = base64(rest.substring(space + 1), "signature");
    if (blob.length < 5) {
      throw malformed("signature too short");
    }
    int keyId = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
    return new NoteSignature(name, keyId, Arrays.copyOfRange(blob, 4, blob.length));
  }

  private static long treeSize(String line) {
    if (!line.matches("0|[1-9][0-9]{0,19}")) {
      throw malformed("tree size '" + line + "' is not a decimal number without leading zeros");
    }
    try {
      return Long.parseUnsignedLong(line);
    } catch (NumberFormatException e) {
      throw malformed("tree size '" + line + "' does not fit in 64 bits");
    }
  }

  private static byte[] base64(String text, String what) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(what + " is not base64");
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
      throw malformed(what + " is not canonical base64");
    }
    return bytes;
  }

  private static CheckpointException malformed(String why) {
    return new CheckpointException(Failure.MALFORMED, "malformed checkpoint note: " + why);
  }
}
