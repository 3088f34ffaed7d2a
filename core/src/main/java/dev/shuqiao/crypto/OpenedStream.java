package dev.shuqiao.crypto;

import java.io.InputStream;

/**
 * A stream whose sender and header have been checked, and whose payload is verified as it is read.
 *
 * <p>Each segment is authenticated before its bytes are returned, but the sender's signature, the
 * end of the stream and the replay check are only known at the end: {@link #payload()} throws an
 * {@link EnvelopeException} from {@code read} on any failure, including at end of stream. Treat the
 * data as unconfirmed (write it to a temporary place) until {@code read} has returned -1.
 */
public final class OpenedStream {

  private final Department sender;
  private final EnvelopeHeader header;
  private final InputStream payload;

  OpenedStream(Department sender, EnvelopeHeader header, InputStream payload) {
    this.sender = sender;
    this.header = header;
    this.payload = payload;
  }

  public Department sender() {
    return sender;
  }

  public EnvelopeHeader header() {
    return header;
  }

  /** The plaintext; read it once, to the end. Closing it closes the source. */
  public InputStream payload() {
    return payload;
  }
}
