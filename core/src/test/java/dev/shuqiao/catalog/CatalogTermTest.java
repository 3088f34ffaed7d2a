package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every closed-vocabulary term is accepted in English and in Chinese, and both mean the same. */
class CatalogTermTest {

  private static final List<Class<? extends CatalogTerm>> VOCABULARIES = List.of(ClassificationView.class,
      ResourceFormat.class, SharingType.class, SharingMethod.class, OpennessType.class, UpdateCycle.class,
      DataGrade.class, ItemType.class);

  static Stream<Arguments> everyTerm() {
    return VOCABULARIES.stream().flatMap(type -> Arrays.stream(type.getEnumConstants())
        .map(term -> Arguments.of(type.getSimpleName(), term)));
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("everyTerm")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void lookup_findsTermByEnglishChineseAndAliases(String vocabulary, CatalogTerm term) {
    Class type = ((Enum<?>) term).getDeclaringClass();

    assertThat(Terms.lookup(type, term.name())).contains(term);
    assertThat(Terms.lookup(type, term.chinese())).contains(term);
    assertThat(Terms.lookup(type, term.name().toLowerCase().replace('_', '-'))).contains(term);
    for (String alias : term.aliases()) {
      assertThat(Terms.lookup(type, alias)).contains(term);
    }
  }

  @Test
  void chineseTerms_areUniqueWithinEachVocabulary() {
    for (Class<? extends CatalogTerm> type : VOCABULARIES) {
      assertThat(Arrays.stream(type.getEnumConstants()).map(CatalogTerm::chinese)).doesNotHaveDuplicates();
    }
  }

  @Test
  void itemType_acceptsTheGuidelineLetterCodes() {
    assertThat(Terms.lookup(ItemType.class, "C")).contains(ItemType.CHARACTER);
    assertThat(Terms.lookup(ItemType.class, "T")).contains(ItemType.DATETIME);
    assertThat(Terms.lookup(ItemType.class, "B")).contains(ItemType.DOUBLE);
    assertThat(Terms.lookup(ItemType.class, "X")).isEmpty();
  }

  @Test
  void descriptorInChinese_readsToTheSameCatalogAsInEnglish() {
    String chinese = Descriptors.VALID;
    String english = Descriptors.VALID
        .replace("view: 基础", "view: BASIC")
        .replace("format: 数据库", "format: DATABASE")
        .replace("type: 有条件共享", "type: CONDITIONAL")
        .replace("method: 接口", "method: INTERFACE")
        .replace("type: 不予开放", "type: NOT_OPEN")
        .replace("updateCycle: 实时", "updateCycle: REAL_TIME");
    assertThat(english).isNotEqualTo(chinese);

    CatalogReader reader = Descriptors.reader();
    Catalog fromChinese = reader.read("zh.yaml", chinese).catalog().orElseThrow();
    Catalog fromEnglish = reader.read("en.yaml", english).catalog().orElseThrow();

    assertThat(fromEnglish).isEqualTo(fromChinese);
    DataResource birth = fromChinese.resources().get(0);
    assertThat(birth.sharing().type()).isEqualTo(SharingType.CONDITIONAL);
    assertThat(birth.sharing().method()).contains(SharingMethod.INTERFACE);
    assertThat(birth.openness().type()).isEqualTo(OpennessType.NOT_OPEN);
    assertThat(birth.updateCycle()).isEqualTo(UpdateCycle.REAL_TIME);
  }
}
