package dev.shuqiao.hub.internal.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The searchable columns of every resource, by dense id (0, 1, ... in the order first seen), with
 * the postings of every gram of their search text and the ids in code order. Not thread-safe:
 * {@link SearchIndex} reads it under a read lock and changes it under the write lock.
 */
final class IndexedResources {

  private static final byte ACTIVE = 0;
  private static final byte OTHER = 1;

  private final Map<String, Integer> idByCode = new HashMap<>();
  private final Map<String, Postings> postings = new HashMap<>();
  /** The ids of each provider (by its value id): a filter-only search for one provider reads just those. */
  private final List<Postings> byProvider = new ArrayList<>();
  private final Values providers = new Values();
  private final Values sharingTypes = new Values();
  private final Values classifications = new Values();
  private final Values formats = new Values();
  private int count;
  private String[] codes = new String[0];
  private String[] texts = new String[0];
  private byte[] statuses = new byte[0];
  private int[] provider = new int[0];
  private int[] sharingType = new int[0];
  private int[] classification = new int[0];
  private int[] format = new int[0];
  private long[] updatedAt = new long[0];
  /** Ids in code order ({@code order[rank] = id}) and each id's rank; behind until {@link #reorder}. */
  private int[] order = new int[0];
  private int[] rank = new int[0];

  int size() {
    return count;
  }

  /** Adds a resource or replaces what is known of it (its code is its identity). */
  void put(ResourceRow row) {
    Integer known = idByCode.get(row.code());
    int id = known == null ? add(row.code()) : known;
    if (known == null || !texts[id].equals(row.searchText())) {
      if (known != null) {
        unlist(postings, SearchIndex.grams(texts[id]), id);
      }
      SearchIndex.grams(row.searchText()).forEach(gram -> postings.computeIfAbsent(gram, g -> new Postings()).add(id, count));
    }
    int providerId = providers.id(row.providerCode());
    if (known == null || provider[id] != providerId) {
      if (known != null) {
        byProvider.get(provider[id]).remove(id);
      }
      while (byProvider.size() <= providerId) {
        byProvider.add(new Postings());
      }
      byProvider.get(providerId).add(id, count);
    }
    texts[id] = row.searchText();
    statuses[id] = "ACTIVE".equals(row.status()) ? ACTIVE : OTHER;
    provider[id] = providerId;
    sharingType[id] = sharingTypes.id(row.sharingType());
    classification[id] = classifications.id(row.classification());
    format[id] = formats.id(row.format());
    updatedAt[id] = nanos(row.updatedAt());
  }

  /** A new id (the next one) for {@code code}; its columns are set by the caller. */
  private int add(String code) {
    int id = count++;
    grow();
    idByCode.put(code, id);
    codes[id] = code;
    return id;
  }

  /** Takes {@code id} off the postings of {@code grams}, dropping postings left empty. */
  private static void unlist(Map<String, Postings> postings, Iterable<String> grams, int id) {
    for (String gram : grams) {
      Postings p = postings.get(gram);
      p.remove(id);
      if (p.size() == 0) {
        postings.remove(gram);
      }
    }
  }

  /** Brings the code order up to date after {@link #put} added resources: the new ones sorted, then merged in. */
  void reorder() {
    int known = order.length;
    if (known == count) {
      return;
    }
    Integer[] fresh = new Integer[count - known];
    for (int i = 0; i < fresh.length; i++) {
      fresh[i] = known + i;
    }
    Arrays.sort(fresh, (a, b) -> codes[a].compareTo(codes[b]));
    int[] merged = new int[count];
    int i = 0;
    int j = 0;
    for (int r = 0; r < count; r++) {
      boolean takeOld = j == fresh.length || i < known && codes[order[i]].compareTo(codes[fresh[j]]) < 0;
      merged[r] = takeOld ? order[i++] : fresh[j++];
    }
    order = merged;
    rank = new int[count];
    for (int r = 0; r < count; r++) {
      rank[order[r]] = r;
    }
  }

  /** Releases spare capacity after a bulk build. */
  void trim() {
    postings.values().forEach(Postings::trim);
    byProvider.forEach(Postings::trim);
  }

  /** Approximate heap bytes of the index, for the log line after a build. */
  long bytes() {
    long bytes = (long) count * (4 * 4 + 8 + 1 + 4 + 4 + 8 + 8 + 48); // columns, order, rank, two references, map entry
    for (int id = 0; id < count; id++) {
      bytes += 2 * 40L + texts[id].length() * 2L + codes[id].length(); // two Strings: UTF-16 text, Latin-1 code
    }
    for (Postings p : byProvider) {
      bytes += p.bytes();
    }
    for (Map.Entry<String, Postings> e : postings.entrySet()) {
      bytes += 48 + 40 + e.getKey().length() * 2L + e.getValue().bytes();
    }
    return bytes;
  }

  /** The total, facets and page of codes of {@code q}, exactly as {@link ResourceQuery} defines them. */
  SearchIndex.Hits search(ResourceQuery q) {
    Match match = new Match(q);
    if (!match.possible) {
      return new SearchIndex.Hits(0, match.facets(), List.of());
    }
    if (q.text() == null && match.providerId >= 0) {
      byProvider.get(match.providerId).forEach(match::test);
    } else if (q.text() == null) {
      for (int id = 0; id < count; id++) {
        match.test(id);
      }
    } else {
      matchText(q.text().toLowerCase(Locale.ROOT), match);
    }
    return new SearchIndex.Hits(match.total, match.facets(), match.page(q.offset(), q.limit()));
  }

  /**
   * Tests the resources whose text contains {@code text}: the postings of the text itself if it is
   * one or two code points, else those in all postings of its bigrams (the shortest list driving)
   * whose text then really contains it.
   */
  private void matchText(String text, Match match) {
    boolean exact = SearchIndex.exact(text);
    List<Postings> lists = new ArrayList<>();
    for (String gram : exact ? List.of(text) : SearchIndex.bigrams(text)) {
      Postings p = postings.get(gram);
      if (p == null) {
        return;
      }
      lists.add(p);
    }
    lists.sort((a, b) -> Integer.compare(a.size(), b.size()));
    List<Postings> others = lists.subList(1, lists.size());
    lists.get(0).forEach(id -> {
      for (Postings other : others) {
        if (!other.contains(id)) {
          return;
        }
      }
      if (exact || texts[id].contains(text)) {
        match.test(id);
      }
    });
  }

  /** One search's filters, counts and matches (a bitset by rank, so the page comes out in code order). */
  private final class Match {
    final boolean includeRetired;
    final int providerId;
    final int sharingTypeId;
    final int formatId;
    final boolean[] classificationAllowed;
    final long since;
    final boolean possible;
    final long[] matched = new long[(count >>> 6) + 1];
    final int[] providerCounts = new int[providers.size()];
    final int[] sharingTypeCounts = new int[sharingTypes.size()];
    final int[] classificationCounts = new int[classifications.size()];
    final int[] formatCounts = new int[formats.size()];
    long total;

    Match(ResourceQuery q) {
      includeRetired = q.includeRetired();
      providerId = q.providerCode() == null ? -1 : providers.find(q.providerCode());
      sharingTypeId = q.sharingType() == null ? -1 : sharingTypes.find(q.sharingType());
      formatId = q.format() == null ? -1 : formats.find(q.format());
      classificationAllowed = new boolean[classifications.size()];
      boolean anyClassification = false;
      for (int c = 0; c < classificationAllowed.length; c++) {
        String prefix = q.classificationPrefix();
        classificationAllowed[c] = prefix == null || classifications.value(c).startsWith(prefix);
        anyClassification |= classificationAllowed[c];
      }
      since = q.updatedSince() == null ? Long.MIN_VALUE : nanos(q.updatedSince());
      possible = providerId != -2 && sharingTypeId != -2 && formatId != -2 && anyClassification;
    }

    void test(int id) {
      if (!includeRetired && statuses[id] != ACTIVE
          || providerId >= 0 && provider[id] != providerId
          || sharingTypeId >= 0 && sharingType[id] != sharingTypeId
          || formatId >= 0 && format[id] != formatId
          || !classificationAllowed[classification[id]]
          || updatedAt[id] < since) {
        return;
      }
      total++;
      matched[rank[id] >>> 6] |= 1L << rank[id];
      providerCounts[provider[id]]++;
      sharingTypeCounts[sharingType[id]]++;
      classificationCounts[classification[id]]++;
      formatCounts[format[id]]++;
    }

    List<String> page(int offset, int limit) {
      List<String> page = new ArrayList<>(Math.min(limit, 1024));
      long skip = offset;
      for (int w = 0; w < matched.length && page.size() < limit; w++) {
        long word = matched[w];
        int bitsInWord = Long.bitCount(word);
        if (skip >= bitsInWord) {
          skip -= bitsInWord;
          continue;
        }
        while (word != 0 && page.size() < limit) {
          int r = (w << 6) + Long.numberOfTrailingZeros(word);
          word &= word - 1;
          if (skip > 0) {
            skip--;
          } else {
            page.add(codes[order[r]]);
          }
        }
      }
      return page;
    }

    Map<String, Map<String, Long>> facets() {
      Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
      facets.put("sharingType", sharingTypes.counts(sharingTypeCounts));
      facets.put("format", formats.counts(formatCounts));
      facets.put("classification", classifications.counts(classificationCounts));
      facets.put("provider", providers.counts(providerCounts));
      return facets;
    }
  }

  /**
   * Nanoseconds since the epoch, saturated (a stored time is always within the range; a query's
   * bound outside it then compares as it would in full).
   */
  static long nanos(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private void grow() {
    if (count <= codes.length) {
      return;
    }
    int capacity = Math.max(1024, codes.length * 3 / 2);
    codes = Arrays.copyOf(codes, capacity);
    texts = Arrays.copyOf(texts, capacity);
    statuses = Arrays.copyOf(statuses, capacity);
    provider = Arrays.copyOf(provider, capacity);
    sharingType = Arrays.copyOf(sharingType, capacity);
    classification = Arrays.copyOf(classification, capacity);
    format = Arrays.copyOf(format, capacity);
    updatedAt = Arrays.copyOf(updatedAt, capacity);
  }

  /** The distinct values of one column, numbered. */
  private static final class Values {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> values = new ArrayList<>();

    int id(String value) {
      return ids.computeIfAbsent(value, v -> {
        values.add(v);
        return values.size() - 1;
      });
    }

    /** The id of {@code value}, or -2 if no resource has it (then nothing can match). */
    int find(String value) {
      return ids.getOrDefault(value, -2);
    }

    String value(int id) {
      return values.get(id);
    }

    int size() {
      return values.size();
    }

    Map<String, Long> counts(int[] counts) {
      Map<String, Long> map = new TreeMap<>();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0) {
          map.put(values.get(i), (long) counts[i]);
        }
      }
      return map;
    }
  }
}
