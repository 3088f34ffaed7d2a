package dev.shuqiao.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;

/**
 * Seals bulk data (dataset syncs of gigabytes) in constant memory: 64 KiB segments, each encrypted
 * on its own, the sender's signature in the final segment. Same suites, header and key wrap as
 * {@link EnvelopeSealer}; the format is described in {@code docs/envelope.md}.
 *
 * <pre>{@code
 * StreamSealer sealer = StreamSealer.builder().identity(health).build();
 * try (OutputStream sealed = sealer.seal(Files.newOutputStream(target), metadata)) {
 *   Files.copy(source, sealed);
 * }
 * }</pre>
 */
public final class StreamSealer {

  private final DepartmentIdentity identity;
  private final Clock clock;
  private final SecureRandom random;

  private StreamSealer(Builder builder) {
    this.identity = builder.identity;
    this.clock = builder.clock;
    this.random = builder.random;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the stream header to {@code destination} and returns the stream to write the payload to.
   * Closing it writes the final segment and closes {@code destination}; a stream that is not closed
   * is an incomplete, unopenable stream.
   *
   * @param metadata recipients and header fields; its payload must be unset
   */
  public OutputStream seal(OutputStream destination, EnvelopeContent metadata) throws IOException {
    Objects.requireNonNull(destination, "destination");
    if (metadata.payload() != null) {
      throw new IllegalArgumentException("stream metadata must not carry a payload");
    }
    Suite suite = identity.suite();
    byte[] contentKey = new byte[Aead.of(suite).keyBytes()];
    random.nextBytes(contentKey);
    byte[] nonce = new byte[Aead.NONCE_BYTES];
    random.nextBytes(nonce);
    Arrays.fill(nonce, StreamFormat.NONCE_PREFIX_BYTES, nonce.length, (byte) 0);
    try {
      WireEnvelope header = EnvelopeSealer.unsealed(identity, metadata, contentKey, () -> nonce, clock, random,
          EphemeralKeys.NONE);
      byte[] prefix = StreamFormat.prefix(header.header());
      destination.write(prefix);
      return new Segments(destination, suite, contentKey, nonce, Hashes.hash(suite, prefix));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }

  /**
   * The clear header of a sealed stream (its message id, resource code, grant id, case id), read
   * from the prefix <em>without verifying anything</em>: for the sender that just sealed the stream
   * and needs its message id (a mailbox delivery is named by it, docs/bulk.md). A recipient learns
   * the header only through {@link EnvelopeOpener#openStream}, which checks it.
   *
   * @throws MalformedEnvelopeException if the prefix is not a stream's
   */
  public static EnvelopeHeader headerOf(java.io.InputStream sealed) throws IOException {
    return StreamOpening.unverifiedHeader(Objects.requireNonNull(sealed, "sealed"));
  }

  /** Buffers one segment of plaintext; encrypts and writes it once more data proves it is not the last. */
  private final class Segments extends OutputStream {
    private final OutputStream out;
    private final Aead aead;
    private final byte[] contentKey;
    private final byte[] nonce;
    private final byte[] prefixHash;
    private final MessageDigest payloadHash;
    private final byte[] buffer = new byte[StreamFormat.SEGMENT_BYTES];
    private int buffered;
    private int counter;
    private boolean closed;

    Segments(OutputStream out, Suite suite, byte[] contentKey, byte[] nonce, byte[] prefixHash) {
      this.out = out;
      this.aead = Aead.of(suite);
      this.contentKey = contentKey;
      this.nonce = nonce;
      this.prefixHash = prefixHash;
      this.payloadHash = Hashes.digest(suite);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, data.length);
      if (closed) {
        throw new IOException("stream is closed");
      }
      while (length > 0) {
        if (buffered == buffer.length) {
          emit(buffer, buffered, false);
          buffered = 0;
        }
        int n = Math.min(length, buffer.length - buffered);
        System.arraycopy(data, offset, buffer, buffered, n);
        payloadHash.update(data, offset, n);
        buffered += n;
        offset += n;
        length -= n;
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        byte[] signature = Signatures.sign(identity.keyAlgorithm(), identity.privateKey(), random,
            StreamFormat.SIGNATURE_LABEL, prefixHash, payloadHash.digest());
        byte[] last = Arrays.copyOf(buffer, buffered + signature.length + 2);
        System.arraycopy(signature, 0, last, buffered, signature.length);
        last[last.length - 2] = (byte) (signature.length >>> 8);
        last[last.length - 1] = (byte) signature.length;
        emit(last, last.length, true);
      } catch (GeneralSecurityException e) {
        throw new IOException("signing the stream failed", e);
      } finally {
        Arrays.fill(contentKey, (byte) 0);
        out.close();
      }
    }

    private void emit(byte[] plaintext, int length, boolean last) throws IOException {
      try {
        byte[] ciphertext = aead.seal(contentKey, StreamFormat.nonce(nonce, counter, last), prefixHash,
            length == plaintext.length ? plaintext : Arrays.copyOf(plaintext, length));
        int frame = ciphertext.length | (last ? StreamFormat.FINAL_FLAG : 0);
        out.write(new byte[] {(byte) (frame >>> 24), (byte) (frame >>> 16), (byte) (frame >>> 8), (byte) frame});
        out.write(ciphertext);
        counter++;
        if (counter == 0) {
          throw new IOException("stream exceeds 2^32 segments");
        }
      } catch (GeneralSecurityException e) {
        throw new IOException("segment encryption failed", e);
      }
    }
  }

  /** Builds a {@link StreamSealer}; an identity is required. */
  public static final class Builder {
    private DepartmentIdentity identity;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();

    private Builder() {}

    public Builder identity(DepartmentIdentity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Tests only. */
    Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public StreamSealer build() {
      if (identity == null) {
        throw new IllegalStateException("identity is required");
      }
      return new StreamSealer(this);
    }
  }
}
