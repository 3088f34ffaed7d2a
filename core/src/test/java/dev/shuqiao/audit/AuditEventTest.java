package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditEventTest {

  @Test
  void decode_returnsTheEncodedEvent() {
    for (int n = 0; n < 50; n++) {
      AuditEvent event = TestEvents.event(n);
      assertThat(AuditEvent.decode(event.encode())).isEqualTo(event);
    }
  }

  @Test
  void encode_isStableVersionOneBytes() {
    AuditEvent event = AuditEvent.builder()
        .actor(Actor.of("D1", "S"))
        .action(AuditAction.DATA_ACCESS)
        .outcome(AuditOutcome.SUCCESS)
        .timestamp(Instant.ofEpochSecond(1, 2))
        .build();
    assertThat(HexFormat.of().formatHex(event.encode())).isEqualTo(
        "01" + "00024431" + "000153" + "00" + "000b646174612e616363657373" + "00000000"
            + "000773756363657373" + "0000000000000001" + "00000002" + "00");
  }

  @Test
  void actionCodes_areTheWireNamesAndNeverChange() {
    // The codes are stored in every record: renaming one would make old logs unreadable.
    assertThat(java.util.Arrays.stream(AuditAction.values()).map(AuditAction::code)).containsExactly(
        "catalog.register", "catalog.update", "catalog.retire", "department.register", "department.suspend",
        "grant.apply", "grant.approve", "grant.refuse", "grant.revoke", "grant.withdraw", "exchange.request", "exchange.deliver",
        "exchange.refuse", "data.access", "bundle.step", "console.sign-in", "console.sign-out", "console.enrol",
        "department.reinstate", "department.update", "department.rotate", "checkpoint.witness",
        "mailbox.deliver", "mailbox.ack", "mailbox.expire");
    for (AuditAction action : AuditAction.values()) {
      assertThat(AuditAction.fromCode(action.code())).isSameAs(action);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"catalog.retire", "department.register", "department.suspend", "grant.revoke",
      "grant.withdraw", "department.reinstate", "department.update", "department.rotate"})
  void decode_readsTheHubActionsInVersionOne(String code) {
    AuditEvent event = AuditEvent.builder().actor(Actor.of("D1", "shuqiao-hub")).action(AuditAction.fromCode(code))
        .resourceCode("department/D2").outcome(AuditOutcome.SUCCESS).timestamp(Instant.ofEpochSecond(1, 2)).build();
    byte[] encoded = event.encode();
    assertThat(encoded[0]).isEqualTo((byte) 1);
    assertThat(new String(encoded, java.nio.charset.StandardCharsets.UTF_8)).contains(code);
    assertThat(AuditEvent.decode(encoded).action().code()).isEqualTo(code);
  }

  @Test
  void decode_refusesAnActionCodeItDoesNotKnow() {
    byte[] encoded = AuditEvent.builder().actor(Actor.of("D1", "S")).action(AuditAction.GRANT_REVOKE)
        .outcome(AuditOutcome.SUCCESS).timestamp(Instant.ofEpochSecond(1, 2)).build().encode();
    String hex = HexFormat.of().formatHex(encoded).replace(
        HexFormat.of().formatHex("grant.revoke".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        HexFormat.of().formatHex("grant.rework".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> AuditEvent.decode(HexFormat.of().parseHex(hex)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grant.rework");
  }

  @Test
  void decode_rejectsTrailingBytesAndBadFlags() {
    byte[] encoded = TestEvents.event(3).encode();
    byte[] longer = java.util.Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> AuditEvent.decode(longer)).isInstanceOf(IllegalArgumentException.class);
    byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);
    assertThatThrownBy(() -> AuditEvent.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    byte[] version3 = encoded.clone();
    version3[0] = 3; // version 2 exists now (items, purpose); version 2 without its tail is truncated
    assertThatThrownBy(() -> AuditEvent.decode(version3)).hasMessageContaining("version 3");
    byte[] version2 = encoded.clone();
    version2[0] = 2;
    assertThatThrownBy(() -> AuditEvent.decode(version2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_rejectsNonCanonicalNanoseconds() {
    byte[] encoded = AuditEvent.builder().actor(Actor.of("D1", "S")).action(AuditAction.DATA_ACCESS)
        .outcome(AuditOutcome.SUCCESS).timestamp(Instant.ofEpochSecond(1, 0)).build().encode();
    // Nanoseconds 1,000,000,000 would normalise to the next second: a second encoding of one event.
    int nanos = encoded.length - 5;
    encoded[nanos] = 0x3b;
    encoded[nanos + 1] = (byte) 0x9a;
    encoded[nanos + 2] = (byte) 0xca;
    encoded[nanos + 3] = 0x00;
    assertThatThrownBy(() -> AuditEvent.decode(encoded)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"45020219900101123X", "450202199001011234", "case for 45020219900101123x"})
  void builder_refusesClearResidentIdentityNumbers(String value) {
    assertThatThrownBy(() -> AuditEvent.builder().caseId(value)).hasMessageContaining("SubjectPseudonym");
    assertThatThrownBy(() -> Actor.of("D1", "S", value)).hasMessageContaining("SubjectPseudonym");
  }

  @ParameterizedTest
  @ValueSource(strings = {"114502000100002319", "11450200075623181Q"})
  void actor_acceptsCreditCodesThatOnlyLookLikeIdNumbers(String creditCode) {
    // An all-digit 统一社会信用代码 matches the ID-number shape, but its characters 7-14 are no birth date.
    assertThat(Actor.of(creditCode, "hub", "clerk-1").departmentCode()).isEqualTo(creditCode);
  }

  @ParameterizedTest
  @ValueSource(strings = {"914501199001011062", "914501199001011655"})
  void actor_acceptsCreditCodesWithADateInside_whenOnlyTheCreditCodeCheckHolds(String creditCode) {
    // Division code 450119: characters 7-14 read 19900101, a birth date; the GB 32100 check character
    // is right and the GB 11643 one is not, so this is a credit code.
    assertThat(dev.shuqiao.catalog.CreditCode.parse(creditCode).toString()).isEqualTo(creditCode);
    assertThat(Actor.of(creditCode, "hub").departmentCode()).isEqualTo(creditCode);
  }

  @Test
  void builder_refusesARunThatPassesBothCheckCharacters() {
    // Valid as a credit code and as a resident identity number: it cannot be told apart, so it is refused.
    String ambiguous = "914501199001012293";
    assertThat(dev.shuqiao.catalog.CreditCode.parse(ambiguous).toString()).isEqualTo(ambiguous);
    assertThatThrownBy(() -> Actor.of(ambiguous, "hub")).hasMessageContaining("SubjectPseudonym");
    // A real-looking identity number that is no credit code stays refused whatever its check digit.
    assertThatThrownBy(() -> AuditEvent.builder().caseId("11010519491231002X")).hasMessageContaining("SubjectPseudonym");
  }

  @Test
  void builder_requiresActorActionAndOutcome() {
    assertThatThrownBy(() -> AuditEvent.builder().action(AuditAction.DATA_ACCESS).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void pseudonymizer_isKeyedAndDeterministic() {
    SubjectPseudonym a = TestEvents.PSEUDONYMS.pseudonymize("450202199001011234");
    SubjectPseudonym other = HmacSubjectPseudonymizer.withKey(new byte[32]).pseudonymize("450202199001011234");
    assertThat(a).isEqualTo(TestEvents.PSEUDONYMS.pseudonymize(" 450202199001011234 "));
    assertThat(a).isNotEqualTo(other);
    assertThat(a.hex()).hasSize(64).doesNotContain("450202199001011234");
  }
}
