package dev.shuqiao.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The envelope as it travels, version 2 (version 1 is refused: its key wrap could not reuse an ephemeral
 * key safely, and nothing stored it); see {@code docs/envelope.md} for the byte layout. The header
 * is everything up to and including the nonce: it is signed and is the content AEAD's associated data.
 */
record WireEnvelope(Suite suite, UUID messageId, long createdAtMillis, byte[] senderCertificate, String resourceCode,
    String contentType, String grantId, String caseId, List<Recipient> recipients, byte[] nonce, ByteBuffer ciphertext) {

  static final byte[] MAGIC = {'S', 'Q', 'E', 'N'};
  static final int VERSION = 2;
  static final int KEY_ID_BYTES = 32;
  static final int MAX_TEXT_BYTES = 256;
  static final int MAX_CERTIFICATE_BYTES = 16 * 1024;
  static final int MAX_WRAPPED_KEY_BYTES = 1024;
  static final int MAX_RECIPIENTS = 255;

  /** One recipient block: which certificate (suite hash of its DER) and the content key wrapped for it. */
  record Recipient(byte[] keyId, byte[] wrappedKey) {
    boolean isFor(byte[] candidateKeyId) {
      return MessageDigest.isEqual(keyId, candidateKeyId);
    }
  }

  WireEnvelope {
    recipients = List.copyOf(recipients);
    ciphertext = ciphertext.slice();
  }

  WireEnvelope(Suite suite, UUID messageId, long createdAtMillis, byte[] senderCertificate, String resourceCode,
      String contentType, String grantId, String caseId, List<Recipient> recipients, byte[] nonce, byte[] ciphertext) {
    this(suite, messageId, createdAtMillis, senderCertificate, resourceCode, contentType, grantId, caseId, recipients,
        nonce, ByteBuffer.wrap(ciphertext));
  }

  /**
   * The ciphertext (tag included) as a fresh view: it may share the array of the binary form it was
   * parsed from or sealed into, so a single-shot envelope is never copied on its way through.
   */
  @Override
  public ByteBuffer ciphertext() {
    return ciphertext.duplicate();
  }

  /** The ciphertext as its own array (a copy), for the JSON form. */
  byte[] ciphertextBytes() {
    byte[] out = new byte[ciphertext.remaining()];
    ciphertext.duplicate().get(out);
    return out;
  }

  static byte[] keyId(Suite suite, byte[] certificateDer) {
    return Hashes.hash(suite, certificateDer);
  }

  byte[] header() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 + senderCertificate.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeByte(VERSION);
      out.writeByte(suite.wireId());
      out.writeLong(messageId.getMostSignificantBits());
      out.writeLong(messageId.getLeastSignificantBits());
      out.writeLong(createdAtMillis);
      writeBlock(out, senderCertificate);
      writeText(out, resourceCode);
      writeText(out, contentType);
      writeText(out, grantId == null ? "" : grantId);
      writeText(out, caseId == null ? "" : caseId);
      out.writeByte(recipients.size());
      for (Recipient recipient : recipients) {
        out.write(recipient.keyId());
        writeBlock(out, recipient.wrappedKey());
      }
      out.write(nonce);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  byte[] toBinary() {
    byte[] header = header();
    int length = ciphertext.remaining();
    return ByteBuffer.allocate(header.length + 4 + length).put(header).putInt(length).put(ciphertext()).array();
  }

  /**
   * Parses the binary form strictly: every length checked, nothing may follow the ciphertext. The
   * header fields are copied out; the ciphertext is a view of {@code input}, not a copy.
   *
   * @throws MalformedEnvelopeException naming the field that is wrong
   */
  static WireEnvelope parse(byte[] input) {
    ByteBuffer in = ByteBuffer.wrap(input);
    try {
      WireEnvelope header = parseHeader(in);
      int ciphertextLength = in.getInt();
      if (ciphertextLength < Aead.TAG_BYTES || ciphertextLength != in.remaining()) {
        throw new MalformedEnvelopeException(ciphertextLength > in.remaining() || ciphertextLength < 0
            ? "envelope is truncated" : "ciphertext length does not match the envelope (trailing or missing bytes)");
      }
      return header.withCiphertext(in.slice());
    } catch (BufferUnderflowException e) {
      throw new MalformedEnvelopeException("envelope is truncated");
    }
  }

  /** Parses a header that must fill {@code header} exactly (streams carry it length-prefixed). */
  static WireEnvelope parseHeaderOnly(byte[] header) {
    ByteBuffer in = ByteBuffer.wrap(header);
    try {
      WireEnvelope parsed = parseHeader(in);
      if (in.hasRemaining()) {
        throw new MalformedEnvelopeException("trailing bytes after the header");
      }
      return parsed;
    } catch (BufferUnderflowException e) {
      throw new MalformedEnvelopeException("header is truncated");
    }
  }

  WireEnvelope withCiphertext(ByteBuffer newCiphertext) {
    return new WireEnvelope(suite, messageId, createdAtMillis, senderCertificate, resourceCode, contentType, grantId,
        caseId, recipients, nonce, newCiphertext);
  }

  /** Refuses any version but {@link #VERSION}, binary or JSON, with the same message. */
  static void requireVersion(int version) {
    if (version != VERSION) {
      throw new MalformedEnvelopeException("unsupported envelope version " + version + " (this build reads version "
          + VERSION + ")");
    }
  }

  private static WireEnvelope parseHeader(ByteBuffer in) {
    byte[] magic = bytes(in, MAGIC.length, "magic");
    if (!MessageDigest.isEqual(magic, MAGIC)) {
      throw new MalformedEnvelopeException("not a Shuqiao envelope (bad magic)");
    }
    requireVersion(Byte.toUnsignedInt(in.get()));
    Suite suite = Suite.fromWireId(Byte.toUnsignedInt(in.get()));
    UUID messageId = new UUID(in.getLong(), in.getLong());
    long createdAt = in.getLong();
    byte[] certificate = block(in, MAX_CERTIFICATE_BYTES, "sender certificate");
    String resourceCode = requiredText(in, "resource code");
    String contentType = requiredText(in, "content type");
    String grantId = optionalText(in, "grant id");
    String caseId = optionalText(in, "case id");
    List<Recipient> recipients = recipients(in);
    byte[] nonce = bytes(in, Aead.NONCE_BYTES, "nonce");
    return new WireEnvelope(suite, messageId, createdAt, certificate, resourceCode, contentType, grantId, caseId,
        recipients, nonce, new byte[0]);
  }

  private static List<Recipient> recipients(ByteBuffer in) {
    int count = Byte.toUnsignedInt(in.get());
    if (count == 0) {
      throw new MalformedEnvelopeException("envelope has no recipients");
    }
    List<Recipient> recipients = new ArrayList<>(count);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < count; i++) {
      byte[] keyId = bytes(in, KEY_ID_BYTES, "recipient key id");
      if (!seen.add(HexFormat.of().formatHex(keyId))) {
        throw new MalformedEnvelopeException("recipient " + (i + 1) + " appears twice");
      }
      recipients.add(new Recipient(keyId, block(in, MAX_WRAPPED_KEY_BYTES, "wrapped key")));
    }
    return recipients;
  }

  private static byte[] bytes(ByteBuffer in, int length, String field) {
    if (length > in.remaining()) {
      throw new MalformedEnvelopeException("envelope is truncated in the " + field);
    }
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  private static byte[] block(ByteBuffer in, int max, String field) {
    int length = Short.toUnsignedInt(in.getShort());
    if (length == 0 || length > max) {
      throw new MalformedEnvelopeException(field + " has an invalid length");
    }
    return bytes(in, length, field);
  }

  private static String requiredText(ByteBuffer in, String field) {
    String text = optionalText(in, field);
    if (text == null) {
      throw new MalformedEnvelopeException(field + " is missing");
    }
    return text;
  }

  private static String optionalText(ByteBuffer in, String field) {
    int length = Short.toUnsignedInt(in.getShort());
    if (length > MAX_TEXT_BYTES) {
      throw new MalformedEnvelopeException(field + " is longer than " + MAX_TEXT_BYTES + " bytes");
    }
    byte[] utf8 = bytes(in, length, field);
    try {
      return length == 0 ? null : StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedEnvelopeException(field + " is not UTF-8");
    }
  }

  private static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
    if (block.length > 0xFFFF) {
      throw new MalformedEnvelopeException("a header field is longer than 65535 bytes");
    }
    out.writeShort(block.length);
    out.write(block);
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    writeBlock(out, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The UTF-8 length of a header text, checked by the sealer before anything is signed. */
  static void checkText(String text, String field) {
    int length = text.getBytes(StandardCharsets.UTF_8).length;
    if (text.isBlank() || length > MAX_TEXT_BYTES) {
      throw new IllegalArgumentException(field + " must be non-blank and at most " + MAX_TEXT_BYTES + " UTF-8 bytes");
    }
  }
}
