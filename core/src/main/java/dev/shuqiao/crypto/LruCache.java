package dev.shuqiao.crypto;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A small thread-safe map that forgets its least recently used entry beyond a fixed size: for values
 * that are costly to derive again (decoded keys, parsed certificates, Diffie-Hellman results). A value
 * that is evicted or replaced is handed to the drop action, which zeroises secrets.
 */
final class LruCache<K, V> {

  private final int capacity;
  private final Map<K, V> map;
  private final Consumer<? super V> onDrop;

  LruCache(int capacity) {
    this(capacity, value -> { });
  }

  LruCache(int capacity, Consumer<? super V> onDrop) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.onDrop = onDrop;
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        boolean full = size() > LruCache.this.capacity;
        if (full) {
          LruCache.this.onDrop.accept(eldest.getValue());
        }
        return full;
      }
    };
  }

  /** The value for {@code key}, or null. */
  synchronized V get(K key) {
    return map.get(key);
  }

  /** Stores {@code value}; {@code key} must not change afterwards. A value it replaces is dropped. */
  synchronized void put(K key, V value) {
    V previous = map.put(key, value);
    if (previous != null && previous != value) {
      onDrop.accept(previous);
    }
  }

  /** A snapshot of the values, least recently used first. */
  synchronized java.util.List<V> values() {
    return java.util.List.copyOf(map.values());
  }

  synchronized int size() {
    return map.size();
  }
}
