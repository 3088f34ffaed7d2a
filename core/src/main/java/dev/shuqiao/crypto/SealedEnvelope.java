package dev.shuqiao.crypto;

import java.util.Objects;
import java.util.UUID;

/**
 * A sealed envelope in transit, in either of its two equivalent forms: compact binary or JSON (see
 * {@code docs/envelope.md}). Parsing checks structure only; nothing here is authenticated until an
 * {@link EnvelopeOpener} has opened it.
 *
 * <pre>{@code
 * byte[] wire = sealer.seal(content).toBinary();
 * OpenedEnvelope opened = opener.open(SealedEnvelope.fromBinary(wire));
 * }</pre>
 */
public final class SealedEnvelope {

  private final WireEnvelope wire;

  SealedEnvelope(WireEnvelope wire) {
    this.wire = wire;
  }

  /**
   * Parses a copy of {@code binary}. To open bytes just received, {@link EnvelopeOpener#open(byte[])}
   * reads them in place instead.
   *
   * @throws MalformedEnvelopeException if {@code binary} is not exactly one well-formed envelope
   */
  public static SealedEnvelope fromBinary(byte[] binary) {
    return new SealedEnvelope(WireEnvelope.parse(Objects.requireNonNull(binary, "binary").clone()));
  }

  /**
   * @throws MalformedEnvelopeException if {@code json} is not a well-formed envelope in JSON form
   */
  public static SealedEnvelope fromJson(String json) {
    return new SealedEnvelope(EnvelopeJson.parse(Objects.requireNonNull(json, "json")));
  }

  public byte[] toBinary() {
    return wire.toBinary();
  }

  public String toJson() {
    return EnvelopeJson.write(wire);
  }

  /** The message id, unauthenticated: for logs and routing only. */
  public UUID messageId() {
    return wire.messageId();
  }

  WireEnvelope wire() {
    return wire;
  }
}
