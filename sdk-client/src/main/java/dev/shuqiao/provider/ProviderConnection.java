package dev.shuqiao.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shuqiao.client.ConflictException;
import dev.shuqiao.client.NotFoundException;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.ShuqiaoException;
import dev.shuqiao.exchange.ExchangeTicket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull mode (docs/exchange.md §4) for a provider that accepts no inbound connection: worker
 * threads long-poll the hub ({@code POST /v1/exchanges/poll}, signed as the provider department),
 * answer each relay message with the {@link ExchangeProvider} and post the reply ({@code POST
 * /v1/exchanges/{messageId}/reply}). The guarantees are the push mode's: the same checks, audit and
 * idempotency.
 *
 * <pre>{@code
 * ShuqiaoClient hub = ShuqiaoClient.builder()
 *     .endpoint("https://hub.liuzhou.example.gov.cn")
 *     .credential(health)                  // the provider department's identity
 *     .build();
 * try (ProviderConnection connection = ProviderConnection.builder(provider, hub).workers(4).start()) {
 *   ...                                    // serves until closed
 * }
 * }</pre>
 *
 * <p>Errors reaching the hub are retried by the client, then the worker waits (exponential backoff
 * with jitter, 0.5 s up to 30 s) and polls again; an answer the hub no longer waits for (404, 409) is
 * dropped. {@link #close()} stops polling and waits for the workers to finish what they hold: at most
 * the poll wait plus one handler run.
 */
public final class ProviderConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderConnection.class);
  private static final Duration MIN_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final ExchangeProvider provider;
  private final ShuqiaoClient client;
  private final byte[] pollBody;
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicLong polls = new AtomicLong();
  private volatile boolean running = true;

  private ProviderConnection(Builder b) {
    this.provider = b.provider;
    this.client = b.client;
    this.pollBody = Json.bytes(Json.MAPPER.createObjectNode().put("waitSeconds", b.pollWait.toSeconds())
        .put("max", b.maxPerPoll));
    for (int i = 0; i < b.workers; i++) {
      Thread worker = new Thread(this::work, "shuqiao-provider-poll-" + i);
      worker.setDaemon(true);
      workers.add(worker);
    }
    workers.forEach(Thread::start);
  }

  /** A connection for {@code provider} over {@code client}, which must sign as the provider department. */
  public static Builder builder(ExchangeProvider provider, ShuqiaoClient client) {
    return new Builder(provider, client);
  }

  /** How many polls the workers have sent so far. */
  public long polls() {
    return polls.get();
  }

  /** Whether the workers are still running. */
  public boolean isOpen() {
    return running;
  }

  private void work() {
    int failures = 0;
    while (running) {
      byte[] answer;
      try {
        polls.incrementAndGet();
        answer = client.postToExchanges(List.of("poll"), pollBody);
        failures = 0;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        failures++;
        LOG.warn("polling the hub failed ({} in a row): {} {}", failures, e.getClass().getSimpleName(),
            e instanceof ShuqiaoException s ? s.type() : "");
        pause(backoff(failures));
        continue;
      }
      for (byte[] relay : relayMessages(answer)) {
        try {
          answer(relay);
        } catch (RuntimeException e) {
          // ExchangeProvider.handle answers every input; this is a bug, and must not end the worker.
          LOG.error("answering a relay message failed: {}", e.getClass().getName());
        }
      }
    }
  }

  private static List<byte[]> relayMessages(byte[] answer) {
    List<byte[]> relays = new ArrayList<>();
    try {
      JsonNode items = Json.tree(answer).path("items");
      for (JsonNode item : items) {
        relays.add(Json.bytes(item));
      }
    } catch (IllegalArgumentException e) {
      LOG.warn("the hub's poll answer is not JSON; ignored");
    }
    return relays;
  }

  private void answer(byte[] relay) {
    ProviderReply reply = provider.handle(relay);
    String messageId = reply.messageId().orElseGet(() -> messageIdOf(relay));
    if (messageId == null) {
      LOG.warn("a relay message without a readable message id was refused and cannot be answered");
      return;
    }
    try {
      client.postToExchanges(List.of(messageId, "reply"), reply.withMessageId(messageId).replyJson());
    } catch (NotFoundException | ConflictException e) {
      LOG.debug("the hub no longer waits for exchange {}: {}", messageId, e.type());
    } catch (ShuqiaoException e) {
      LOG.warn("posting the reply to exchange {} failed: {} {}", messageId, e.status(), e.type());
    }
  }

  /** The hub routes replies by message id; a refused ticket is still read for it (no trust implied). */
  private static String messageIdOf(byte[] relay) {
    try {
      return ExchangeTicket.parseUnverified(Json.tree(relay).path("ticket").asText()).messageId().toString();
    } catch (RuntimeException e) {
      return null;
    }
  }

  static Duration backoff(int failures) {
    long base = MIN_BACKOFF.toMillis() << Math.min(failures - 1, 10);
    long capped = Math.min(base, MAX_BACKOFF.toMillis());
    return Duration.ofMillis((long) (capped * ThreadLocalRandom.current().nextDouble(0.5, 1.0)));
  }

  private void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /**
   * Stops polling and waits for the workers: a worker blocked in a long poll returns when the hub
   * answers it (at most the poll wait), one sleeping in backoff at once.
   */
  @Override
  public void close() {
    running = false;
    for (Thread worker : workers) {
      if (worker.getState() == Thread.State.TIMED_WAITING) {
        worker.interrupt(); // backoff sleep; an HTTP read is not interrupted
      }
    }
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Configures and starts a {@link ProviderConnection}. */
  public static final class Builder {
    private final ExchangeProvider provider;
    private final ShuqiaoClient client;
    private int workers = 2;
    private Duration pollWait = Duration.ofSeconds(20);
    private int maxPerPoll = 16;

    private Builder(ExchangeProvider provider, ShuqiaoClient client) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * How many threads poll and answer in parallel (default 2, 1–64). Keep it within the hub's limit
     * of polls held per department (default 4): polls beyond it are refused (429) and back off.
     */
    public Builder workers(int workers) {
      if (workers < 1 || workers > 64) {
        throw new IllegalArgumentException("workers must be 1 to 64");
      }
      this.workers = workers;
      return this;
    }

    /**
     * How long the hub holds a poll open when nothing waits (default 20 s, 0–30 s); keep it below the
     * client's call timeout.
     */
    public Builder pollWait(Duration pollWait) {
      if (pollWait.isNegative() || pollWait.compareTo(Duration.ofSeconds(30)) > 0) {
        throw new IllegalArgumentException("pollWait must be 0 to 30 seconds");
      }
      this.pollWait = pollWait;
      return this;
    }

    /** How many relay messages one poll may bring (default 16, 1–64). */
    public Builder maxPerPoll(int max) {
      if (max < 1 || max > 64) {
        throw new IllegalArgumentException("maxPerPoll must be 1 to 64");
      }
      this.maxPerPoll = max;
      return this;
    }

    /** Starts the workers. */
    public ProviderConnection start() {
      return new ProviderConnection(this);
    }
  }
}
