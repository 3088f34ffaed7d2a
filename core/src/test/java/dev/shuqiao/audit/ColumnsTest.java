package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The paged columns behind the tree and the index, across their page and growth boundaries. */
class ColumnsTest {

  @Test
  void longColumn_keepsEveryValueAcrossGrowthAndPages() {
    LongColumn column = new LongColumn();
    for (long i = 0; i < 20_000; i++) {
      column.add(i * 3);
    }
    assertThat(column.size()).isEqualTo(20_000);
    for (long i = 0; i < 20_000; i += 7) {
      assertThat(column.get(i)).isEqualTo(i * 3);
    }
    assertThat(column.get(19_999)).isEqualTo(59_997);
    assertThatThrownBy(() -> column.get(20_000)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void hashColumn_keepsEveryHashAcrossGrowthAndPages() {
    HashColumn column = new HashColumn(32);
    for (int i = 0; i < 70_000; i++) {
      column.add(HashSuite.SHA256.leafHash(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)}));
    }
    for (int i = 0; i < 70_000; i += 13) {
      assertThat(column.get(i)).isEqualTo(HashSuite.SHA256.leafHash(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)}));
    }
    assertThatThrownBy(() -> column.get(70_000)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
