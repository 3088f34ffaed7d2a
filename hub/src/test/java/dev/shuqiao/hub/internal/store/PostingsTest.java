package dev.shuqiao.hub.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PostingsTest {

  @Test
  void sparseIds_stayAnExactSortedSet_throughAddsAndRemoves() {
    Postings p = new Postings();
    for (int id : new int[] {50, 7, 900, 7, 3}) {
      p.add(id, 10_000);
    }
    p.remove(900);
    p.remove(4);
    assertThat(ids(p)).containsExactly(3, 7, 50);
    assertThat(p.size()).isEqualTo(3);
    assertThat(p.contains(7)).isTrue();
    assertThat(p.contains(900)).isFalse();
  }

  @Test
  void denseIds_behaveTheSameOnceStoredAsBits() {
    Postings p = new Postings();
    TreeSet<Integer> expected = new TreeSet<>();
    IntStream.range(0, 500).map(i -> (i * 7919) % 1000).forEach(id -> {
      p.add(id, 1000);
      expected.add(id);
    });
    for (int id = 0; id < 1000; id += 3) {
      p.remove(id);
      expected.remove(id);
    }
    p.add(5000, 5001); // beyond the bitset's current length
    expected.add(5000);
    assertThat(ids(p)).containsExactlyElementsOf(expected);
    assertThat(p.size()).isEqualTo(expected.size());
    assertThat(p.contains(5000)).isTrue();
    assertThat(p.contains(99_999)).isFalse();
    assertThat(p.bytes()).as("a bitset, not 4 bytes per id").isLessThan(4L * expected.size());
  }

  private static List<Integer> ids(Postings p) {
    List<Integer> ids = new ArrayList<>();
    p.forEach(ids::add);
    return ids;
  }
}
