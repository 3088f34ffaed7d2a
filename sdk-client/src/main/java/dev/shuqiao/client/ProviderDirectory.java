package dev.shuqiao.client;

import dev.shuqiao.client.model.CatalogResource;
import dev.shuqiao.client.model.RegisteredDepartment;
import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.EnvelopeException;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.TrustStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who provides a resource and the certificate to seal for, from the hub's directory, cached for a
 * short time (a provider's new certificate is picked up within the TTL; a stale one makes the hub
 * refuse with {@code envelope-mismatch}, after which the entry is dropped). Every certificate is
 * validated against the city trust store before it is used, and must name the resource's provider.
 */
final class ProviderDirectory {

  record Provider(String code, X509Certificate certificate) {}

  private record Entry(Provider provider, Instant until) {}

  private final Function<String, CatalogResource> resources;
  private final Function<String, RegisteredDepartment> departments;
  private final TrustStore trust;
  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  ProviderDirectory(Function<String, CatalogResource> resources, Function<String, RegisteredDepartment> departments,
      TrustStore trust, Duration ttl, Clock clock) {
    this.resources = resources;
    this.departments = departments;
    this.trust = trust;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * The provider of {@code resourceCode}.
   *
   * @throws ExchangeProtocolException if its registered certificate is not valid in the trust store
   *     now, or names another department
   */
  Provider provider(String resourceCode) {
    Instant now = clock.instant();
    Entry entry = cache.get(resourceCode);
    if (entry == null || !now.isBefore(entry.until())) {
      CatalogResource resource = resources.apply(resourceCode);
      RegisteredDepartment department = departments.apply(resource.providerCode());
      X509Certificate certificate;
      try {
        certificate = Pem.certificate(department.certificatePem());
      } catch (IllegalArgumentException e) {
        throw new ExchangeProtocolException("the hub's directory holds no readable certificate for provider "
            + resource.providerCode(), "provider-certificate", null, e);
      }
      entry = new Entry(new Provider(resource.providerCode(), certificate), now.plus(ttl));
      cache.put(resourceCode, entry);
    }
    check(entry.provider(), now);
    return entry.provider();
  }

  void forget(String resourceCode) {
    cache.remove(resourceCode);
  }

  /** Checked on every use, cached or not: a certificate may expire or be revoked while cached. */
  private void check(Provider provider, Instant now) {
    Department named;
    try {
      named = trust.validate(provider.certificate(), now);
    } catch (EnvelopeException e) {
      throw new ExchangeProtocolException("the registered certificate of provider " + provider.code()
          + " is not trusted: " + e.getMessage(), "provider-certificate", null, e);
    }
    if (!named.creditCode().toString().equals(provider.code())) {
      throw new ExchangeProtocolException("the certificate registered for provider " + provider.code()
          + " names department " + named.creditCode(), "provider-certificate", null, null);
    }
  }
}
