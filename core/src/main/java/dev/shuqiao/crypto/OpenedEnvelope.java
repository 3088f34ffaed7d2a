package dev.shuqiao.crypto;

import java.nio.ByteBuffer;

/** An envelope that passed every check: trusted sender, authentic header and payload, fresh. */
public final class OpenedEnvelope {

  private final Department sender;
  private final EnvelopeHeader header;
  /** The decrypted plaintext (signature length, signature, payload); the payload starts at {@code offset}. */
  private final byte[] plaintext;
  private final int offset;

  OpenedEnvelope(Department sender, EnvelopeHeader header, byte[] plaintext, int offset) {
    this.sender = sender;
    this.header = header;
    this.plaintext = plaintext;
    this.offset = offset;
  }

  /** The sending department, from its validated certificate. */
  public Department sender() {
    return sender;
  }

  public EnvelopeHeader header() {
    return header;
  }

  /** The plaintext (a copy). */
  public byte[] payload() {
    return java.util.Arrays.copyOfRange(plaintext, offset, plaintext.length);
  }

  /**
   * The plaintext as a read-only view, without the copy {@link #payload()} makes: for large payloads
   * handed on to a channel, a parser or a stream ({@code Channels.newChannel(out).write(buffer)}).
   */
  public ByteBuffer payloadBuffer() {
    return ByteBuffer.wrap(plaintext, offset, plaintext.length - offset).slice().asReadOnlyBuffer();
  }

  @Override
  public String toString() {
    return "OpenedEnvelope[from " + sender + ", " + header + ", " + (plaintext.length - offset) + " bytes]";
  }
}
