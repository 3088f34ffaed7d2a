package dev.shuqiao.hub.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchIndexTest {

  @Test
  void grams_areEveryDistinctCodePointAndAdjacentPair() {
    assertThat(SearchIndex.grams("出生出生")).containsExactly("出", "出生", "生", "生出");
  }

  @Test
  void grams_neverSplitASurrogatePair() {
    assertThat(SearchIndex.grams("a\uD83D\uDE00")).containsExactly("a", "a\uD83D\uDE00", "\uD83D\uDE00");
  }

  @Test
  void drivingGram_ofOneOrTwoCodePointsIsTheTextItself_andExact() {
    assertThat(SearchIndex.drivingGram("户籍")).isEqualTo("户籍");
    assertThat(SearchIndex.drivingGram("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
    assertThat(SearchIndex.exact("户籍")).isTrue();
    assertThat(SearchIndex.exact("a\uD83D\uDE00")).isTrue();
  }

  @Test
  void drivingGram_ofLongerTextIsItsFirstBigram_andNeedsTheSubstringCheck() {
    assertThat(SearchIndex.drivingGram("不动产")).isEqualTo("不动");
    assertThat(SearchIndex.drivingGram("\uD83D\uDE00ab")).isEqualTo("\uD83D\uDE00a");
    assertThat(SearchIndex.exact("不动产")).isFalse();
  }
}
