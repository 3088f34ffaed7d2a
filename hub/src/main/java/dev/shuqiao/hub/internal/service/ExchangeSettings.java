package dev.shuqiao.hub.internal.service;

import dev.shuqiao.crypto.DepartmentIdentity;
import java.time.Duration;

/**
 * How the hub runs exchanges; {@code identity} null means the exchange channel is off (503
 * {@code exchange-disabled}).
 *
 * @param ticketLifetime  {@code expiresAt - issuedAt} of a ticket
 * @param providerTimeout how long the hub waits for a provider's answer
 * @param ratePerSecond   token-bucket refill per consumer
 * @param burst           token-bucket size per consumer
 * @param circuitFailures consecutive provider failures that open its circuit
 * @param circuitOpen     how long an open circuit refuses before one trial
 * @param maxHeldPolls    held polls per provider department at once
 * @param retention       how long a finished exchange's row is kept (its answer to repeats); a query
 *                        envelope older than half of it is refused, so a purged exchange is never
 *                        relayed a second time
 */
public record ExchangeSettings(DepartmentIdentity identity, Duration ticketLifetime, Duration providerTimeout,
    double ratePerSecond, int burst, int circuitFailures, Duration circuitOpen, int maxHeldPolls, Duration retention) {

  public static final Duration DEFAULT_TICKET_LIFETIME = Duration.ofSeconds(60);
  public static final Duration DEFAULT_PROVIDER_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  /** The documented defaults, with the channel off. */
  public static ExchangeSettings disabled() {
    return new ExchangeSettings(null, DEFAULT_TICKET_LIFETIME, DEFAULT_PROVIDER_TIMEOUT, 200, 400, 5,
        Duration.ofSeconds(10), 4, DEFAULT_RETENTION);
  }

  /** The oldest query envelope (by its created-at) the hub still accepts at {@code now}. */
  public java.time.Instant oldestAccepted(java.time.Instant now) {
    return now.minus(retention.dividedBy(2));
  }

  public boolean enabled() {
    return identity != null;
  }
}
