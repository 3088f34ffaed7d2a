package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Items and purpose: encoding version 2, and version 1 unchanged for events without them. */
class AuditEventItemsTest {

  private static AuditEvent.Builder base() {
    return AuditEvent.builder().actor(Actor.of("D1", "s")).action(AuditAction.EXCHANGE_REQUEST)
        .outcome(AuditOutcome.SUCCESS).messageId("m").timestamp(Instant.ofEpochSecond(1, 2));
  }

  @Test
  void encode_withoutItemsOrPurpose_isVersionOneByteForByte() {
    assertThat(HexFormat.of().formatHex(base().build().encode())).isEqualTo(
        "01" + "00024431" + "000173" + "00" + "001065786368616e67652e72657175657374" + "00" + "00" + "00"
            + "0100016d" + "000773756363657373" + "0000000000000001" + "00000002" + "00");
  }

  @Test
  void encode_withItemsAndPurpose_isVersionTwoWithTheTailAfterTheSubject() {
    AuditEvent event = base().items(List.of("姓名", "b")).purpose("出生").build();
    byte[] bytes = event.encode();
    byte[] v1 = base().build().encode();
    assertThat(bytes[0]).isEqualTo((byte) 2);
    assertThat(Arrays.copyOfRange(bytes, 1, v1.length)).isEqualTo(Arrays.copyOfRange(v1, 1, v1.length));
    assertThat(HexFormat.of().formatHex(bytes, v1.length, bytes.length))
        .isEqualTo("0002" + "0006e5a793e5908d" + "000162" + "01" + "0006e587bae7949f");
    assertThat(AuditEvent.decode(bytes)).isEqualTo(event);
    assertThat(AuditEvent.decode(bytes).items()).containsExactly("姓名", "b");
    assertThat(AuditEvent.decode(bytes).purpose()).contains("出生");
    assertThat(AuditEvent.decode(v1).items()).isEmpty();
  }

  @Test
  void decode_refusesAVersionTwoRecordWithNothingInItsTail() {
    byte[] v1 = base().build().encode();
    byte[] padded = Arrays.copyOf(v1, v1.length + 3);
    padded[0] = 2; // u16 0 items, no purpose: the same event is canonically version 1
    assertThatThrownBy(() -> AuditEvent.decode(padded)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("canonical");
  }

  @Test
  void builder_refusesAnIdNumberInThePurposeOrAnItem() {
    assertThatThrownBy(() -> base().purpose("核验 450202201501010012 的户籍"))
        .hasMessageContaining("resident identity number");
    assertThatThrownBy(() -> base().items(List.of("450202201501010012")))
        .hasMessageContaining("resident identity number");
    assertThat(base().purpose("x".repeat(8000)).build().purpose()).isPresent();
    assertThatThrownBy(() -> base().purpose("x".repeat(8001))).hasMessageContaining("8000 bytes");
    // an item name of 200 Chinese characters (600 bytes), as the exchange channel allows, round-trips
    AuditEvent long200 = base().items(List.of("名".repeat(200))).build();
    assertThat(AuditEvent.decode(long200.encode())).isEqualTo(long200);
  }
}
