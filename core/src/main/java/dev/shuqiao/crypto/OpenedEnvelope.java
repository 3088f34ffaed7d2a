package dev.shuqiao.crypto;

/** An envelope that passed every check: trusted sender, authentic header and payload, fresh. */
public final class OpenedEnvelope {

  private final Department sender;
  private final EnvelopeHeader header;
  private final byte[] payload;

  OpenedEnvelope(Department sender, EnvelopeHeader header, byte[] payload) {
    this.sender = sender;
    this.header = header;
    this.payload = payload;
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
    return payload.clone();
  }

  @Override
  public String toString() {
    return "OpenedEnvelope[from " + sender + ", " + header + ", " + payload.length + " bytes]";
  }
}
