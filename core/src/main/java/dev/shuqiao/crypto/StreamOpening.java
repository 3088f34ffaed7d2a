package dev.shuqiao.crypto;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/** The reading side of {@link StreamFormat}: header checks, then a segment-by-segment payload stream. */
final class StreamOpening {

  private StreamOpening() {}

  static OpenedStream open(EnvelopeOpener opener, InputStream source) throws IOException {
    DataInputStream in = new DataInputStream(source);
    Prefix p = prefix(in);
    WireEnvelope wire = p.wire();
    byte[] header = p.header();
    byte[] prefixStart = p.start();
    Department sender = opener.checkSender(wire, wire.suite());
    DepartmentIdentity self = opener.recipient(wire);
    byte[] contentKey = EnvelopeOpener.unwrap(self, wire);
    byte[] prefix = KeyWrap.concat(prefixStart, header);
    EnvelopeHeader authenticated = EnvelopeHeader.of(wire);
    return new OpenedStream(sender, authenticated,
        new Segments(in, opener, sender, wire, contentKey, Hashes.hash(wire.suite(), prefix), authenticated));
  }

  /** The stream's clear header, parsed but not verified (see {@link StreamSealer#headerOf}). */
  static EnvelopeHeader unverifiedHeader(InputStream source) throws IOException {
    return EnvelopeHeader.of(prefix(new DataInputStream(source)).wire());
  }

  private record Prefix(byte[] start, byte[] header, WireEnvelope wire) {}

  private static Prefix prefix(DataInputStream in) throws IOException {
    byte[] prefixStart = readFully(in, StreamFormat.MAGIC.length + 1 + 8, "stream prefix");
    ByteBuffer start = ByteBuffer.wrap(prefixStart);
    byte[] magic = new byte[StreamFormat.MAGIC.length];
    start.get(magic);
    if (!MessageDigest.isEqual(magic, StreamFormat.MAGIC) || start.get() != StreamFormat.VERSION) {
      throw new MalformedEnvelopeException("not a version 1 Shuqiao stream");
    }
    int segmentBytes = start.getInt();
    int headerLength = start.getInt();
    if (segmentBytes != StreamFormat.SEGMENT_BYTES || headerLength < 1 || headerLength > StreamFormat.MAX_HEADER_BYTES) {
      throw new MalformedEnvelopeException("stream prefix has invalid sizes");
    }
    byte[] header = readFully(in, headerLength, "stream header");
    WireEnvelope wire = WireEnvelope.parseHeaderOnly(header);
    for (int i = StreamFormat.NONCE_PREFIX_BYTES; i < Aead.NONCE_BYTES; i++) {
      if (wire.nonce()[i] != 0) {
        throw new MalformedEnvelopeException("stream nonce field must end in five zero bytes");
      }
    }
    return new Prefix(prefixStart, header, wire);
  }

  private static byte[] readFully(DataInputStream in, int length, String what) throws IOException {
    byte[] out = new byte[length];
    try {
      in.readFully(out);
    } catch (EOFException e) {
      throw new MalformedEnvelopeException(what + " is truncated");
    }
    return out;
  }

  /** Decrypts one segment at a time; verifies signature, end of stream and replay at the final one. */
  private static final class Segments extends InputStream {
    private final DataInputStream in;
    private final EnvelopeOpener opener;
    private final Department sender;
    private final WireEnvelope wire;
    private final byte[] contentKey;
    private final byte[] prefixHash;
    private final EnvelopeHeader header;
    private final Aead aead;
    private final MessageDigest payloadHash;
    private byte[] current = new byte[0];
    private int position;
    private int counter;
    private boolean finished;

    Segments(DataInputStream in, EnvelopeOpener opener, Department sender, WireEnvelope wire, byte[] contentKey,
        byte[] prefixHash, EnvelopeHeader header) {
      this.in = in;
      this.opener = opener;
      this.sender = sender;
      this.wire = wire;
      this.contentKey = contentKey;
      this.prefixHash = prefixHash;
      this.header = header;
      this.aead = Aead.of(wire.suite());
      this.payloadHash = Hashes.digest(wire.suite());
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      java.util.Objects.checkFromIndexSize(offset, length, target.length);
      while (position == current.length) {
        if (finished) {
          return -1;
        }
        nextSegment();
      }
      int n = Math.min(length, current.length - position);
      System.arraycopy(current, position, target, offset, n);
      position += n;
      return n;
    }

    private void nextSegment() throws IOException {
      int frame;
      try {
        frame = in.readInt();
      } catch (EOFException e) {
        throw new MalformedEnvelopeException("stream is truncated: the final segment is missing");
      }
      boolean last = (frame & StreamFormat.FINAL_FLAG) != 0;
      int length = frame & ~StreamFormat.FINAL_FLAG;
      boolean sizeOk = last ? length >= Aead.TAG_BYTES + 3 && length <= StreamFormat.maxFinalCiphertext()
          : length == StreamFormat.SEGMENT_BYTES + Aead.TAG_BYTES;
      if (!sizeOk) {
        throw new MalformedEnvelopeException("segment " + counter + " has an invalid length");
      }
      byte[] plaintext = decrypt(readFully(in, length, "segment " + counter), last);
      counter++;
      if (last) {
        current = finish(plaintext);
      } else {
        payloadHash.update(plaintext);
        current = plaintext;
      }
      position = 0;
    }

    private byte[] decrypt(byte[] ciphertext, boolean last) {
      try {
        return aead.open(contentKey, StreamFormat.nonce(wire.nonce(), counter, last), prefixHash, ciphertext);
      } catch (GeneralSecurityException e) {
        throw new AuthenticationFailedException("segment " + counter + " does not authenticate (modified, dropped, "
            + "duplicated or reordered)");
      }
    }

    private byte[] finish(byte[] plaintext) throws IOException {
      int signatureLength = ((plaintext[plaintext.length - 2] & 0xff) << 8) | (plaintext[plaintext.length - 1] & 0xff);
      int dataLength = plaintext.length - 2 - signatureLength;
      if (signatureLength < 1 || dataLength < 0) {
        throw new MalformedEnvelopeException("final segment is malformed");
      }
      if (in.read() != -1) {
        throw new MalformedEnvelopeException("bytes follow the final segment");
      }
      byte[] data = Arrays.copyOf(plaintext, dataLength);
      payloadHash.update(data);
      byte[] signature = Arrays.copyOfRange(plaintext, dataLength, dataLength + signatureLength);
      if (!Signatures.verify(sender.keyAlgorithm(), sender.certificate().getPublicKey(), signature,
          StreamFormat.SIGNATURE_LABEL, prefixHash, payloadHash.digest())) {
        throw new InvalidSignatureException("sender signature over the stream does not verify");
      }
      opener.checkReplay(sender, header);
      finished = true;
      Arrays.fill(contentKey, (byte) 0);
      return data;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
