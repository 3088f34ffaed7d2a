package dev.shuqiao.crypto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small thread-safe map that forgets its least recently used entry beyond a fixed size: for values
 * derived from public data (decoded keys, parsed certificates) that are costly to derive again.
 */
final class LruCache<K, V> {

  private final int capacity;
  private final Map<K, V> map;

  LruCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > LruCache.this.capacity;
      }
    };
  }

  /** The value for {@code key}, or null. */
  synchronized V get(K key) {
    return map.get(key);
  }

  /** Stores {@code value}; {@code key} must not change afterwards. */
  synchronized void put(K key, V value) {
    map.put(key, value);
  }

  synchronized int size() {
    return map.size();
  }
}
