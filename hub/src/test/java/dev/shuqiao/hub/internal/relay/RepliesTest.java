package dev.shuqiao.hub.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RepliesTest {

  private static final UUID ID = UUID.fromString("6494749b-1e72-4d15-b638-97f5967e5068");

  private static ProviderAnswer parse(String json) {
    return Replies.parse(ID, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{'messageId':'6494749b-1e72-4d15-b638-97f5967e5068','problem':{'type':'https://shuqiao.dev/problems/ticket-expired','status':401}} | REFUSED | ticket-expired",
      "{'messageId':'6494749b-1e72-4d15-b638-97f5967e5068','problem':{'type':'no-handler','status':404}} | REFUSED | no-handler",
      "{'messageId':'6494749b-1e72-4d15-b638-97f5967e5068','problem':{'type':'Not A Slug!','status':422}} | REFUSED | unknown",
      "{'messageId':'6494749b-1e72-4d15-b638-97f5967e5068','problem':{'type':'handler-failed','status':500}} | FAILED |"})
  void problems_areRefusalsFor4xx_andFailuresFor5xx(String json, ProviderAnswer.Kind kind, String type) {
    ProviderAnswer answer = parse(json);
    assertThat(answer.kind()).isEqualTo(kind);
    assertThat(answer.providerType()).isEqualTo(type);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[]",
      "{'messageId':'6494749b-1e72-4d15-b638-97f5967e5068'}",
      "{'messageId':'00000000-1e72-4d15-b638-97f5967e5068','problem':{'status':403}}",
      "{'messageId':'6494749b-1e72-4d15-b638-97f5967e5068','problem':{'status':403},'extra':1}",
      "{'messageId':'6494749b-1e72-4d15-b638-97f5967e5068','problem':{'status':403},'response':'AAAA'}",
      "{'messageId':'6494749b-1e72-4d15-b638-97f5967e5068','problem':{'status':302}}",
      "{'messageId':'6494749b-1e72-4d15-b638-97f5967e5068','response':'bm90IGFuIGVudmVsb3Bl'}",
      "{'messageId':'6494749b-1e72-4d15-b638-97f5967e5068','response':'***'}",
      "{'messageId':'6494749b-1e72-4d15-b638-97f5967e5068','messageId':'6494749b-1e72-4d15-b638-97f5967e5068','problem':{'status':403}}"})
  void malformedReplies_areRefusedWithAReason(String json) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("Exception");
  }

  @Test
  void theRelayMessage_hasExactlyTicketAndRequest() throws Exception {
    var node = Replies.JSON.readTree(Replies.relayMessage("a.b", new byte[] {1, 2, (byte) 0xff}));
    assertThat(node.size()).isEqualTo(2);
    assertThat(node.path("ticket").asText()).isEqualTo("a.b");
    assertThat(node.path("request").asText()).isEqualTo("AQL_");
  }
}
