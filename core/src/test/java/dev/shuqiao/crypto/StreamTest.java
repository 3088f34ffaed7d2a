package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StreamTest {

  private static final int SEGMENT = StreamFormat.SEGMENT_BYTES;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT + 17})
  void openStream_returnsThePayload_forSizesAroundSegmentBoundaries(int size) throws IOException {
    Parties p = new Parties(KeyAlgorithm.SM2);
    byte[] payload = payload(size);
    OpenedStream opened = p.opener(p.police).openStream(new ByteArrayInputStream(seal(p, payload)));
    assertThat(opened.payload().readAllBytes()).isEqualTo(payload);
    assertThat(opened.sender().name()).isEqualTo("柳州市卫生健康委员会");
    assertThat(opened.header().caseId()).contains("BIRTH-450200-000017");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void openStream_roundTripsForEachKeyType(KeyAlgorithm algorithm) throws IOException {
    Parties p = new Parties(algorithm);
    byte[] payload = payload(2 * SEGMENT + 5);
    assertThat(p.opener(p.police).openStream(new ByteArrayInputStream(seal(p, payload))).payload().readAllBytes())
        .isEqualTo(payload);
  }

  @Test
  void headerOf_readsTheClearHeaderTheOpenerAuthenticates_andRefusesWhatIsNoStream() throws IOException {
    Parties p = new Parties(KeyAlgorithm.SM2);
    byte[] sealed = seal(p, payload(SEGMENT + 3));
    EnvelopeHeader unverified = StreamSealer.headerOf(new ByteArrayInputStream(sealed));
    EnvelopeHeader opened = p.opener(p.police).openStream(new ByteArrayInputStream(sealed)).header();
    assertThat(unverified.messageId()).isEqualTo(opened.messageId());
    assertThat(unverified.caseId()).isEqualTo(opened.caseId());
    assertThatThrownBy(() -> StreamSealer.headerOf(new ByteArrayInputStream(flip(sealed, 0))))
        .isInstanceOf(MalformedEnvelopeException.class);
  }

  @Test
  void openStream_rejectsADroppedSegment() throws IOException {
    assertRejected(Parsed::dropSecond, AuthenticationFailedException.class);
  }

  @Test
  void openStream_rejectsADuplicatedSegment() throws IOException {
    assertRejected(Parsed::duplicateFirst, AuthenticationFailedException.class);
  }

  @Test
  void openStream_rejectsReorderedSegments() throws IOException {
    assertRejected(Parsed::swapFirstTwo, AuthenticationFailedException.class);
  }

  @Test
  void openStream_rejectsATruncationAtASegmentBoundary() throws IOException {
    assertRejected(Parsed::dropFinal, MalformedEnvelopeException.class);
  }

  @Test
  void openStream_rejectsATruncationInsideASegment_andAppendedBytes() throws IOException {
    assertRejected(parsed -> Arrays.copyOf(parsed.join(), parsed.join().length - 7), MalformedEnvelopeException.class);
    assertRejected(parsed -> Arrays.copyOf(parsed.join(), parsed.join().length + 1), MalformedEnvelopeException.class);
  }

  @Test
  void openStream_rejectsAFlippedByteInTheHeaderOrASegment() throws IOException {
    assertRejected(parsed -> flip(parsed.join(), 30), AuthenticationFailedException.class);
    assertRejected(parsed -> flip(parsed.join(), parsed.prefix.length + 100), AuthenticationFailedException.class);
  }

  @Test
  void openStream_rejectsAReplayedStream_atTheEnd() throws IOException {
    Parties p = new Parties(KeyAlgorithm.SM2);
    byte[] sealed = seal(p, payload(10));
    EnvelopeOpener opener = p.opener(p.police);
    opener.openStream(new ByteArrayInputStream(sealed)).payload().readAllBytes();
    InputStream again = opener.openStream(new ByteArrayInputStream(sealed)).payload();
    assertThatThrownBy(again::readAllBytes).isExactlyInstanceOf(ReplayException.class);
  }

  @Test
  void openStream_rejectsAnEnvelopeAndEnvelopeOpenRejectsAStream() throws IOException {
    Parties p = new Parties(KeyAlgorithm.SM2);
    byte[] stream = seal(p, payload(10));
    byte[] envelope = p.healthToPolice().toBinary();
    assertThatThrownBy(() -> p.opener(p.police).openStream(new ByteArrayInputStream(envelope)))
        .isExactlyInstanceOf(MalformedEnvelopeException.class);
    assertThatThrownBy(() -> p.opener(p.police).open(stream)).isExactlyInstanceOf(MalformedEnvelopeException.class);
  }

  interface Tamper {
    byte[] apply(Parsed parsed);
  }

  private static void assertRejected(Tamper tamper, Class<? extends EnvelopeException> type) throws IOException {
    Parties p = new Parties(KeyAlgorithm.ECDSA_P256);
    byte[] tampered = tamper.apply(Parsed.of(seal(p, payload(3 * SEGMENT + 17))));
    assertThatThrownBy(() -> p.opener(p.police).openStream(new ByteArrayInputStream(tampered)).payload().readAllBytes())
        .isExactlyInstanceOf(type);
  }

  private static byte[] seal(Parties p, byte[] payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StreamSealer sealer = StreamSealer.builder().identity(p.health).clock(TestPki.CLOCK).build();
    EnvelopeContent metadata = EnvelopeContent.builder().addRecipient(p.police.certificate())
        .resourceCode("1 01 001/000123").contentType("text/csv").caseId("BIRTH-450200-000017").build();
    try (OutputStream sealed = sealer.seal(out, metadata)) {
      sealed.write(payload, 0, payload.length / 2);
      sealed.write(payload, payload.length / 2, payload.length - payload.length / 2);
    }
    return out.toByteArray();
  }

  private static byte[] payload(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static byte[] flip(byte[] bytes, int index) {
    bytes[index] ^= 1;
    return bytes;
  }

  /** A sealed stream split into its prefix and framed segments. */
  record Parsed(byte[] prefix, List<byte[]> segments) {
    static Parsed of(byte[] sealed) {
      ByteBuffer in = ByteBuffer.wrap(sealed);
      in.position(StreamFormat.MAGIC.length + 1 + 4);
      int headerLength = in.getInt();
      byte[] prefix = Arrays.copyOf(sealed, in.position() + headerLength);
      in.position(prefix.length);
      List<byte[]> segments = new ArrayList<>();
      while (in.hasRemaining()) {
        int start = in.position();
        int length = in.getInt() & ~StreamFormat.FINAL_FLAG;
        in.position(in.position() + length);
        segments.add(Arrays.copyOfRange(sealed, start, in.position()));
      }
      return new Parsed(prefix, segments);
    }

    byte[] join() {
      return join(segments);
    }

    byte[] join(List<byte[]> list) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(prefix);
      list.forEach(out::writeBytes);
      return out.toByteArray();
    }

    byte[] dropSecond() {
      List<byte[]> copy = new ArrayList<>(segments);
      copy.remove(1);
      return join(copy);
    }

    byte[] duplicateFirst() {
      List<byte[]> copy = new ArrayList<>(segments);
      copy.add(1, segments.get(0));
      return join(copy);
    }

    byte[] swapFirstTwo() {
      List<byte[]> copy = new ArrayList<>(segments);
      java.util.Collections.swap(copy, 0, 1);
      return join(copy);
    }

    byte[] dropFinal() {
      return join(segments.subList(0, segments.size() - 1));
    }
  }
}
