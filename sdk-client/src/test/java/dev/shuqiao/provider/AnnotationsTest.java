package dev.shuqiao.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped annotations are the ones the compliance rules look for: the descriptors below are
 * copied from core's dev.shuqiao.compliance.rules.ResourceClasses (which reads both visible and
 * invisible annotations, so RUNTIME retention is matched), and run time needs RUNTIME.
 */
class AnnotationsTest {

  private static final List<String> RULE_DESCRIPTORS = List.of("Ldev/shuqiao/provider/DataResource;",
      "Ldev/shuqiao/provider/Item;", "Ldev/shuqiao/provider/Masked;", "Ldev/shuqiao/provider/Encrypted;");

  private static String descriptor(Class<?> type) {
    return "L" + type.getName().replace('.', '/') + ";";
  }

  @Test
  void annotations_haveTheDescriptorsTheComplianceRulesMatch_andRuntimeRetention() {
    List<Class<? extends Annotation>> shipped = List.of(DataResource.class, Item.class, Masked.class, Encrypted.class);
    assertThat(shipped).extracting(AnnotationsTest::descriptor).containsExactlyElementsOf(RULE_DESCRIPTORS);
    for (Class<? extends Annotation> type : shipped) {
      assertThat(type.getAnnotation(Retention.class).value()).isEqualTo(RetentionPolicy.RUNTIME);
    }
  }

  @Test
  void annotations_targetWhatTheRulesRead_typesForResourcesFieldsForItems() {
    assertThat(DataResource.class.getAnnotation(Target.class).value()).containsExactly(ElementType.TYPE);
    for (Class<? extends Annotation> type : List.of(Item.class, Masked.class, Encrypted.class)) {
      assertThat(type.getAnnotation(Target.class).value()).containsExactly(ElementType.FIELD);
    }
  }

  @Test
  void annotations_areReadableAtRunTimeOnAVendorClass() throws Exception {
    Class<?> record = ExchangeFixture.BirthRecord.class;
    assertThat(record.getAnnotation(DataResource.class).value()).isEqualTo(TestCity.BIRTH);
    assertThat(record.getDeclaredField("motherName").isAnnotationPresent(Masked.class)).isTrue();
    assertThat(record.getDeclaredField("babyName").getAnnotation(Item.class).value()).isEqualTo("新生儿姓名");
  }
}
