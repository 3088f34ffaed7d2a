package dev.shuqiao.hub.internal.relay;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Delivers a relay message to a provider and brings its answer back (docs/exchange.md §4): by pull
 * when the provider has a poll held or polled within the last 30 seconds, by push to its registered
 * endpoint otherwise. The same guarantees either way: one message, one answer or a timeout.
 */
public final class Relay implements AutoCloseable {

  /** A poll refused because the provider already holds its maximum of polls. */
  public static final class TooManyPolls extends Exception {
    private static final long serialVersionUID = 1L;

    TooManyPolls() {
      super(null, null, false, false);
    }
  }

  private final PushRelay push;
  private final PullQueue pull;

  public Relay(int maxHeldPolls, int maxReplyBytes) {
    this.push = new PushRelay(maxReplyBytes);
    this.pull = new PullQueue(maxHeldPolls);
  }

  public void start() {
    push.start();
  }

  /** True if the provider is served by pull now. */
  public boolean pulling(String providerCode) {
    return pull.pulling(providerCode);
  }

  /** Sends {@code relayMessage} for {@code messageId} and returns the provider's answer; never throws for its faults. */
  public ProviderAnswer send(String providerCode, String endpointUrl, UUID messageId, byte[] relayMessage,
      Duration timeout) throws InterruptedException {
    if (!pull.pulling(providerCode)) {
      URI endpoint;
      try {
        endpoint = URI.create(endpointUrl);
      } catch (IllegalArgumentException e) {
        return ProviderAnswer.failed("the provider's registered endpoint is not a URL");
      }
      return push.send(endpoint, messageId, relayMessage, timeout);
    }
    byte[] reply;
    try {
      reply = pull.send(providerCode, messageId, relayMessage, timeout);
    } catch (TimeoutException e) {
      return ProviderAnswer.timeout();
    } catch (ExecutionException e) {
      return ProviderAnswer.failed("the provider's reply was lost");
    }
    try {
      return Replies.parse(messageId, reply);
    } catch (IllegalArgumentException e) {
      return ProviderAnswer.failed("the provider's reply is malformed: " + e.getMessage());
    }
  }

  /** A held poll of the provider: up to {@code max} relay messages (JSON bytes), waiting at most {@code wait}. */
  public List<byte[]> poll(String providerCode, Duration wait, int max) throws InterruptedException, TooManyPolls {
    return pull.poll(providerCode, wait, max);
  }

  /** Hands a reply to the exchange waiting for it; false if none from this provider is waiting. */
  public boolean reply(String providerCode, UUID messageId, byte[] body) {
    return pull.reply(providerCode, messageId, body);
  }

  @Override
  public void close() {
    pull.close();
    push.close();
  }
}
