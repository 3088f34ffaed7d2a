package dev.shuqiao.hub.internal.service;

import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.SealedEnvelope;
import dev.shuqiao.hub.internal.store.DepartmentRow;
import dev.shuqiao.hub.internal.store.GrantRow;
import dev.shuqiao.hub.internal.store.ResourceRow;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the hub checks of an exchange request (docs/exchange.md §2 steps 2, 5 and 6) on its clear
 * metadata and the envelope's clear header only. Registered certificates are parsed once per PEM.
 */
final class ExchangeChecks {

  private static final int MAX_CACHED = 4096;

  /** A registered certificate as the checks need it: its DER bytes and its recipient key id. */
  private record Registered(byte[] der, String keyId) {}

  private final Map<String, Registered> registered = new ConcurrentHashMap<>();

  /** §2 step 2: the clear header agrees with the body, the caller and the provider (422 {@code envelope-mismatch}). */
  void checkHeader(ExchangeService.Request r, SealedEnvelope envelope, DepartmentRow consumer, DepartmentRow provider) {
    String field = null;
    if (!envelope.messageId().equals(r.messageId())) {
      field = "messageId";
    } else if (!envelope.resourceCode().equals(r.resourceCode())) {
      field = "resourceCode";
    } else if (!Objects.equals(envelope.grantId().orElse(null), r.grantId())) {
      field = "grantId";
    } else if (!Objects.equals(envelope.caseId().orElse(null), r.caseId())) {
      field = "caseId";
    } else if (!MessageDigest.isEqual(envelope.senderCertificateDer(), registered(consumer).der())) {
      field = "sender";
    } else if (envelope.recipientKeyIds().size() != 1
        || (provider != null && !envelope.recipientKeyIds().get(0).equals(registered(provider).keyId()))) {
      field = "recipients";
    } else if (!envelope.contentType().equals(ExchangeService.QUERY_TYPE)) {
      field = "contentType";
    }
    if (field != null) {
      throw HubException.unprocessable("envelope-mismatch", "the envelope's " + field + " does not agree with the request"
          + (field.equals("recipients") ? " (exactly one recipient: the provider's registered certificate)" : ""), field)
          .with("messageId", r.messageId().toString());
    }
  }

  /** §2 steps 5 and 6: null if the exchange is allowed, otherwise the refusal (503 for a suspended provider). */
  HubException authorize(String consumer, ExchangeService.Request r, ResourceRow resource, DepartmentRow provider,
      GrantRow grant, Instant now) {
    return authorize(consumer, r.items(), r.grantId(), resource, provider, grant, now);
  }

  /**
   * The same checks for any transfer of {@code items} of {@code resource} from {@code provider} to
   * {@code consumer} under {@code grantId}: an exchange, or a mailbox delivery (docs/bulk.md §1).
   */
  HubException authorize(String consumer, List<String> items, String grantId, ResourceRow resource,
      DepartmentRow provider, GrantRow grant, Instant now) {
    if (resource == null) {
      return new HubException(404, "not-found", "No such resource", "no resource with that code", "resourceCode", List.of());
    }
    if (!"ACTIVE".equals(resource.status())) {
      return HubException.conflict("resource-retired", "the resource is retired");
    }
    if (provider == null || !provider.active()) {
      return new HubException(503, "provider-unavailable", "The provider is unavailable",
          "the provider department is suspended");
    }
    if (provider.code().equals(consumer)) {
      return HubException.unprocessable("own-resource", "a department does not exchange with itself", "resourceCode");
    }
    Set<String> known = ResourceItems.names(resource);
    for (int i = 0; i < items.size(); i++) {
      if (!known.contains(items.get(i))) {
        return HubException.unprocessable("unknown-item", "the resource has no item with that name", "items[" + i + "]");
      }
    }
    String sharing = resource.sharingType();
    if ("NOT_SHARED".equals(sharing)) {
      return HubException.forbidden("not-shared", "the resource is not shared (不予共享) and is never exchanged");
    }
    if (grantId == null) {
      return "CONDITIONAL".equals(sharing)
          ? HubException.forbidden("grant-required", "the resource is shared conditionally; name an approved grant")
          : null;
    }
    // Another department's grant answers exactly as an unknown one: grant ids cannot be probed.
    if (grant == null || !grant.consumerCode().equals(consumer)) {
      return HubException.forbidden("grant-not-found", "this department has no grant with that id");
    }
    if (!grant.resourceCode().equals(resource.code())) {
      return HubException.forbidden("grant-mismatch", "the grant is for another resource");
    }
    if (!"APPROVED".equals(grant.status())) {
      return HubException.forbidden("grant-not-approved", "the grant is " + grant.status() + ", not APPROVED");
    }
    if (now.isBefore(grant.validFrom()) || !now.isBefore(grant.validUntil())) {
      return HubException.forbidden("grant-expired", "the grant's period does not include now");
    }
    Set<String> granted = new HashSet<>(grant.items());
    for (String item : items) {
      if (!granted.contains(item)) {
        return HubException.forbidden("grant-items", "the grant does not cover the item " + item);
      }
    }
    return null;
  }

  private Registered registered(DepartmentRow department) {
    Registered known = registered.get(department.certificatePem());
    if (known != null) {
      return known;
    }
    X509Certificate certificate = Pem.certificate(department.certificatePem());
    try {
      known = new Registered(certificate.getEncoded(), SealedEnvelope.recipientKeyId(certificate));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a registered certificate cannot be encoded", e);
    }
    if (registered.size() >= MAX_CACHED) {
      registered.clear();
    }
    registered.put(department.certificatePem(), known);
    return known;
  }
}
