package dev.shuqiao.hub.internal.relay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pull mode: relay messages wait per provider until a held poll takes them, and the exchange waits
 * for the provider's reply. A provider counts as pulling while a poll is held or for
 * {@link #RECENT} after its last one. Held polls per provider are bounded. State is per hub
 * instance: a provider polls the instance its consumers reach (docs/hub-api.md, limitations).
 */
final class PullQueue {

  static final Duration RECENT = Duration.ofSeconds(30);

  private record Waiting(String provider, UUID messageId, byte[] relayMessage, CompletableFuture<byte[]> reply) {}

  private static final class Provider {
    final ArrayDeque<Waiting> queued = new ArrayDeque<>();
    int heldPolls;
    long lastPollNanos = Long.MIN_VALUE;
  }

  private final Map<String, Provider> providers = new ConcurrentHashMap<>();
  private final Map<UUID, Waiting> awaitingReply = new ConcurrentHashMap<>();
  private final int maxHeldPolls;
  private volatile boolean closed;

  PullQueue(int maxHeldPolls) {
    this.maxHeldPolls = maxHeldPolls;
  }

  private Provider provider(String code) {
    return providers.computeIfAbsent(code, c -> new Provider());
  }

  /** True if {@code code} has a poll held or polled within {@link #RECENT}. */
  boolean pulling(String code) {
    Provider p = providers.get(code);
    if (p == null) {
      return false;
    }
    synchronized (p) {
      return p.heldPolls > 0 || (p.lastPollNanos != Long.MIN_VALUE && System.nanoTime() - p.lastPollNanos < RECENT.toNanos());
    }
  }

  /** Queues the message for {@code code}'s next poll and waits for the reply body, at most {@code timeout}. */
  byte[] send(String code, UUID messageId, byte[] relayMessage, Duration timeout)
      throws InterruptedException, TimeoutException, ExecutionException {
    Waiting waiting = new Waiting(code, messageId, relayMessage, new CompletableFuture<>());
    Provider p = provider(code);
    awaitingReply.put(messageId, waiting);
    synchronized (p) {
      p.queued.add(waiting);
      p.notifyAll();
    }
    try {
      return waiting.reply().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      awaitingReply.remove(messageId, waiting);
      synchronized (p) {
        p.queued.remove(waiting);
      }
    }
  }

  /** Up to {@code max} waiting relay messages, waiting at most {@code wait} for the first. */
  List<byte[]> poll(String code, Duration wait, int max) throws InterruptedException, Relay.TooManyPolls {
    Provider p = provider(code);
    synchronized (p) {
      if (p.heldPolls >= maxHeldPolls) {
        throw new Relay.TooManyPolls();
      }
      p.heldPolls++;
      p.lastPollNanos = System.nanoTime();
      try {
        long deadline = System.nanoTime() + wait.toNanos();
        while (p.queued.isEmpty() && !closed) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(p, left);
        }
        List<byte[]> out = new ArrayList<>();
        while (out.size() < max && !p.queued.isEmpty()) {
          out.add(p.queued.poll().relayMessage());
        }
        return out;
      } finally {
        p.heldPolls--;
        p.lastPollNanos = System.nanoTime();
      }
    }
  }

  /** Hands {@code body} to the exchange waiting for {@code messageId} from {@code code}; false if none is. */
  boolean reply(String code, UUID messageId, byte[] body) {
    Waiting waiting = awaitingReply.get(messageId);
    if (waiting == null || !waiting.provider().equals(code) || !awaitingReply.remove(messageId, waiting)) {
      return false;
    }
    return waiting.reply().complete(body);
  }

  /** Releases every held poll (the hub is stopping). */
  void close() {
    closed = true;
    for (Provider p : providers.values()) {
      synchronized (p) {
        p.notifyAll();
      }
    }
  }
}
