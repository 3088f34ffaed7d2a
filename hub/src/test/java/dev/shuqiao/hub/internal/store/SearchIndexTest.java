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
  void queryGrams_ofOneOrTwoCodePointsAreTheTextItself() {
    assertThat(SearchIndex.queryGrams("户籍")).containsExactly("户籍");
    assertThat(SearchIndex.queryGrams("\uD83D\uDE00")).containsExactly("\uD83D\uDE00");
    assertThat(SearchIndex.exact("户籍")).isTrue();
    assertThat(SearchIndex.exact("不动产")).isFalse();
  }

  @Test
  void queryGrams_ofLongerTextAreAtMostFourBigramsFromFirstToLast() {
    assertThat(SearchIndex.queryGrams("不动产")).containsExactly("不动", "动产");
    assertThat(SearchIndex.queryGrams("abcdefgh")).containsExactly("ab", "cd", "ef", "gh");
  }
}
