package dev.shuqiao.audit;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Canonical binary encoding of an {@link AuditEvent}, version 1. Big-endian; {@code str} is a
 * u16 byte length and UTF-8 bytes; {@code opt<x>} is a byte 0 (absent) or 1 followed by x.
 *
 * <pre>
 * u8 version = 1
 * str department code, str system, opt&lt;str&gt; operator id
 * str action code, opt&lt;str&gt; resource code, opt&lt;str&gt; grant id, opt&lt;str&gt; case id,
 * opt&lt;str&gt; message id, str outcome code
 * i64 epoch second, u32 nanosecond (0..999,999,999)
 * opt&lt;u8 length, pseudonym bytes&gt; subject
 * -- version 2 only:
 * u16 item count (0..500), count × str item (each up to 800 bytes)
 * opt&lt;str&gt; purpose (its str length up to 8,000 bytes)
 * </pre>
 *
 * An event without items and purpose is encoded as version 1, byte for byte as before version 2
 * existed; one with either is version 2. So old records keep their encoding and leaf hash, and a
 * version-2 record with nothing in its tail is not canonical.
 *
 * Decoding re-encodes and compares, so exactly one byte string is accepted per event.
 */
final class EventCodec {

  static final int VERSION = 1;
  static final int VERSION_2 = 2;

  private EventCodec() {}

  static byte[] encode(AuditEvent e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    boolean v2 = !e.items().isEmpty() || e.purpose().isPresent();
    out.write(v2 ? VERSION_2 : VERSION);
    str(out, e.actor().departmentCode());
    str(out, e.actor().system());
    opt(out, e.actor().operatorId());
    str(out, e.action().code());
    opt(out, e.resourceCode());
    opt(out, e.grantId());
    opt(out, e.caseId());
    opt(out, e.messageId());
    str(out, e.outcome().code());
    long seconds = e.timestamp().getEpochSecond();
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (seconds >>> shift));
    }
    int nanos = e.timestamp().getNano();
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write(nanos >>> shift);
    }
    if (e.subject().isPresent()) {
      byte[] pseudonym = e.subject().get().bytes();
      out.write(1);
      out.write(pseudonym.length);
      out.write(pseudonym, 0, pseudonym.length);
    } else {
      out.write(0);
    }
    if (v2) {
      out.write(e.items().size() >>> 8);
      out.write(e.items().size());
      e.items().forEach(item -> str(out, item));
      opt(out, e.purpose());
    }
    return out.toByteArray();
  }

  static AuditEvent decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int version = in.get() & 0xff;
      if (version != VERSION && version != VERSION_2) {
        throw new IllegalArgumentException("unsupported audit event version " + version);
      }
      AuditEvent.Builder b = AuditEvent.builder();
      String department = str(in);
      String system = str(in);
      Optional<String> operator = opt(in);
      b.actor(new Actor(department, system, operator));
      b.action(AuditAction.fromCode(str(in)));
      opt(in).ifPresent(b::resourceCode);
      opt(in).ifPresent(b::grantId);
      opt(in).ifPresent(b::caseId);
      opt(in).ifPresent(b::messageId);
      b.outcome(AuditOutcome.fromCode(str(in)));
      long seconds = in.getLong();
      int nanos = in.getInt();
      b.timestamp(Instant.ofEpochSecond(seconds, nanos));
      if (flag(in)) {
        byte[] pseudonym = new byte[in.get() & 0xff];
        in.get(pseudonym);
        b.subject(SubjectPseudonym.of(pseudonym));
      }
      if (version == VERSION_2) {
        int count = in.getShort() & 0xffff;
        if (count > FieldRules.MAX_ITEMS) {
          throw new IllegalArgumentException("audit event with " + count + " items");
        }
        java.util.List<String> items = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(str(in, FieldRules.MAX_ITEM_BYTES));
        }
        b.items(items);
        if (flag(in)) {
          b.purpose(str(in, FieldRules.MAX_PURPOSE_BYTES));
        }
      }
      AuditEvent event = b.build();
      if (in.hasRemaining() || !Arrays.equals(encode(event), bytes)) {
        throw new IllegalArgumentException("not the canonical encoding of the event it contains");
      }
      return event;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("audit event is truncated", e);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("audit event has an invalid timestamp", e);
    }
  }

  private static void str(ByteArrayOutputStream out, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.write(utf8.length >>> 8);
    out.write(utf8.length);
    out.write(utf8, 0, utf8.length);
  }

  private static void opt(ByteArrayOutputStream out, Optional<String> value) {
    out.write(value.isPresent() ? 1 : 0);
    value.ifPresent(v -> str(out, v));
  }

  private static String str(ByteBuffer in) {
    return str(in, FieldRules.MAX_FIELD_BYTES);
  }

  private static String str(ByteBuffer in, int maxBytes) {
    int length = in.getShort() & 0xffff;
    if (length > maxBytes) {
      throw new IllegalArgumentException("audit event field of " + length + " bytes");
    }
    byte[] utf8 = new byte[length];
    in.get(utf8);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("audit event field is not UTF-8", e);
    }
  }

  private static Optional<String> opt(ByteBuffer in) {
    return flag(in) ? Optional.of(str(in)) : Optional.empty();
  }

  private static boolean flag(ByteBuffer in) {
    int flag = in.get() & 0xff;
    if (flag > 1) {
      throw new IllegalArgumentException("audit event presence flag " + flag);
    }
    return flag == 1;
  }
}
