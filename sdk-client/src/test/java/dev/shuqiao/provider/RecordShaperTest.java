package dev.shuqiao.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.catalog.DataResource;
import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.Suite;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Item filtering, masking per catalog and the annotation binding of record classes (docs/exchange.md §7). */
class RecordShaperTest {

  private static final DataResource BIRTH = TestCity.catalog().resources().get(0);
  private final PseudonymKey key = PseudonymKey.generate(Suite.GM);
  private final RecordShaper shaper = new RecordShaper(BIRTH, key);

  /** Parent with an item, to check inherited fields bind too. */
  static class Base {
    @Item("出生医学证明编号") String number = "Q450200123";
  }

  static final class Child extends Base {
    @Item("新生儿姓名") String babyName = "欧阳小明";
    @Masked String 出生体重 = "3250"; // no @Item: the field name is the item; no catalog rule: masked full
    @Item("母亲姓名") @Encrypted String motherName = "李秀英"; // encrypted, no rule: delivered as is
    String secretNote = "not an item at all";
    static String constant = "never read";
  }

  record Registration(@Item("出生医学证明编号") String number, @Item("签发日期") LocalDate issuedOn) {}

  @Test
  void shape_keepsOnlyTicketItems_inTicketOrder() {
    List<Map<String, Object>> out = shaper.shape(List.of(new Child()), List.of("母亲姓名", "出生医学证明编号"));
    assertThat(out).singleElement().satisfies(r -> assertThat(r).containsExactly(
        Map.entry("母亲姓名", "李秀英"), Map.entry("出生医学证明编号", "Q450200123")));
  }

  @Test
  void shape_masksPerCatalogRule_andAMaskedFieldWithoutRuleFully() {
    Map<String, Object> r = shaper.shape(List.of(new Child()), List.of("新生儿姓名", "出生体重")).get(0);
    assertThat(r).containsEntry("新生儿姓名", "欧***").containsEntry("出生体重", "****");
  }

  @Test
  void shape_readsMapsByItemName_masksThemPerCatalog_andDropsOtherKeys() {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("母亲身份证号", "450202199001011234");
    record.put("父亲身份证号", "450202198805052345");
    record.put("出生体重", 3250);
    record.put("internal", "院内备注");
    Map<String, Object> r = shaper.shape(List.of(record), List.of("母亲身份证号", "父亲身份证号", "出生体重", "新生儿姓名"))
        .get(0);
    assertThat(r).containsOnlyKeys("母亲身份证号", "父亲身份证号", "出生体重"); // absent items stay absent
    assertThat(r.get("母亲身份证号")).isEqualTo("450202********1234");
    assertThat(r.get("父亲身份证号")).isEqualTo(key.pseudonym("父亲身份证号", "450202198805052345"));
    assertThat(r.get("出生体重")).isEqualTo(3250);
  }

  @Test
  void shape_bindsRecordComponents_andWritesDatesAsText_nullsAsNull() {
    Map<String, Object> r = shaper.shape(List.of(new Registration(null, LocalDate.of(2026, 1, 2))),
        List.of("出生医学证明编号", "签发日期")).get(0);
    assertThat(r).containsEntry("签发日期", "2026-01-02").containsEntry("出生医学证明编号", null);
  }

  @Test
  void shape_masksAnItemTheCatalogDoesNotKnow_fully() {
    Map<String, Object> r = shaper.shape(List.of(Map.of("未编目项", "abc")), List.of("未编目项")).get(0);
    assertThat(r).containsEntry("未编目项", "***");
  }

  @Test
  void shape_refusesValuesThatAreNotJsonScalars() {
    assertThatThrownBy(() -> shaper.shape(List.of(Map.of("出生医学证明编号", new Object())), List.of("出生医学证明编号")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
  }

  @Test
  void binding_isTheComplianceRulesView_itemOrFieldName_staticFieldsSkipped() {
    RecordBinding binding = RecordBinding.of(Child.class);
    assertThat(binding.bindings().keySet()).containsExactlyInAnyOrder("出生医学证明编号", "新生儿姓名", "出生体重", "母亲姓名",
        "secretNote");
    assertThat(binding.binding("出生体重").masked()).isTrue();
    assertThat(binding.binding("母亲姓名").masked()).isFalse();
  }
}
