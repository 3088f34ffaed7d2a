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
  void exact_isOneOrTwoCodePoints() {
    assertThat(SearchIndex.exact("户籍")).isTrue();
    assertThat(SearchIndex.exact("a\uD83D\uDE00")).isTrue();
    assertThat(SearchIndex.exact("不动产")).isFalse();
  }

  @Test
  void bigrams_ofLongerTextAreItsDistinctAdjacentPairs() {
    assertThat(SearchIndex.bigrams("不动产")).containsExactly("不动", "动产");
    assertThat(SearchIndex.bigrams("\uD83D\uDE00ab")).containsExactly("\uD83D\uDE00a", "ab");
    assertThat(SearchIndex.bigrams("出生出生")).containsExactly("出生", "生出");
  }
}
