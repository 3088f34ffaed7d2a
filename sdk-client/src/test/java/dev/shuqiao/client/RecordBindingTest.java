package dev.shuqiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.provider.Item;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordBindingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The provider's annotated class, reused by the consumer: private fields named by {@code @Item}. */
  static final class BirthCertificate {
    @Item("出生医学证明编号")
    private String number;
    @Item("新生儿姓名")
    private String name;
    @JsonProperty("出生体重")
    @Item("ignored, JsonProperty wins")
    private Integer weight;
  }

  record Birth(@Item("出生医学证明编号") String number, @Item("新生儿姓名") String name) {}

  private static List<ObjectNode> records() throws Exception {
    return List.of((ObjectNode) JSON.readTree(
        "{\"出生医学证明编号\":\"Q450200123\",\"新生儿姓名\":\"张*\",\"出生体重\":3200,\"母亲姓名\":\"李*\"}"));
  }

  @Test
  void bind_matchesFieldsByItemAnnotationAndJsonPropertyAndIgnoresOtherItems() throws Exception {
    BirthCertificate bound = RecordBinding.bind(records(), BirthCertificate.class).get(0);
    assertThat(bound.number).isEqualTo("Q450200123");
    assertThat(bound.name).isEqualTo("张*");
    assertThat(bound.weight).isEqualTo(3200);
  }

  @Test
  void bind_fillsARecordByTheItemAnnotationsOfItsComponents() throws Exception {
    assertThat(RecordBinding.bind(records(), Birth.class)).containsExactly(new Birth("Q450200123", "张*"));
  }

  @Test
  void bind_failureNamesTheRecordAndTypeButNoValue() throws Exception {
    record Numbers(@Item("新生儿姓名") int name) {}
    assertThatThrownBy(() -> RecordBinding.bind(records(), Numbers.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("record 0 cannot be bound to").hasMessageNotContaining("张");
  }
}
