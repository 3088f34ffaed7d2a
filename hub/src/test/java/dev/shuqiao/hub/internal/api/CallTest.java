package dev.shuqiao.hub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.hub.internal.service.HubException;
import org.junit.jupiter.api.Test;

class CallTest {

  @Test
  void segments_decodeEachSegmentAfterSplitting() {
    assertThat(ApiServlet.segments("/v1/catalog/resources/1%2001%20003%2F000001/versions"))
        .containsExactly("v1", "catalog", "resources", "1 01 003/000001", "versions");
  }

  @Test
  void parseQuery_decodesValuesAndKeepsPlusSigns() {
    assertThat(Call.parseQuery("q=%E5%87%BA%E7%94%9F&classification=1%2001&x=a+b"))
        .containsEntry("q", "出生").containsEntry("classification", "1 01").containsEntry("x", "a+b");
  }

  @Test
  void parseQuery_refusesRepeatedAndOverlongParameters() {
    assertThatThrownBy(() -> Call.parseQuery("page=1&page=2")).isInstanceOf(HubException.class);
    assertThatThrownBy(() -> Call.parseQuery("q=" + "x".repeat(201))).isInstanceOf(HubException.class);
    assertThatThrownBy(() -> Call.parseQuery("q=%ZZ")).hasFieldOrPropertyWithValue("type", "malformed-uri");
  }
}
