package dev.shuqiao.hub;

import dev.shuqiao.crypto.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the configured CRL file and reloads the hub's trust store when its modification time
 * changes. A CRL that does not read or does not verify is logged and the previous store kept: it
 * still fails closed once its own {@code nextUpdate} has passed. A CRL older (by {@code thisUpdate})
 * than the one accepted for the same issuer is a rollback and refused the same way. Within {@link
 * #NEXT_UPDATE_WARNING} of the accepted CRL's {@code nextUpdate} every poll logs a WARN and the metric
 * {@code shuqiao_hub_crl_next_update_near} is 1.
 */
final class CrlWatcher implements Runnable {

  static final long PERIOD_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(CrlWatcher.class);

  private final HubServer hub;
  private final HubConfig config;
  private final Path crl;
  /** Warn this long before the accepted CRL's nextUpdate: passing it locks every department out. */
  static final java.time.Duration NEXT_UPDATE_WARNING = java.time.Duration.ofDays(1);

  private FileTime seen;
  /** thisUpdate and nextUpdate of the accepted CRL per issuer (a replacement must not be older). */
  private java.util.Map<javax.security.auth.x500.X500Principal, java.security.cert.X509CRL> accepted;

  CrlWatcher(HubServer hub, HubConfig config, Path crl) {
    this.hub = hub;
    this.config = config;
    this.crl = crl;
    this.seen = modified();
    java.util.Map<javax.security.auth.x500.X500Principal, java.security.cert.X509CRL> initial;
    try {
      initial = read(crl);
    } catch (RuntimeException e) {
      initial = java.util.Map.of();
    }
    this.accepted = initial;
  }

  /** The CRLs of {@code file}, the newest per issuer. */
  static java.util.Map<javax.security.auth.x500.X500Principal, java.security.cert.X509CRL> read(Path file) {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      java.util.Map<javax.security.auth.x500.X500Principal, java.security.cert.X509CRL> newest = new java.util.HashMap<>();
      for (java.security.cert.CRL c : java.security.cert.CertificateFactory.getInstance("X.509").generateCRLs(in)) {
        java.security.cert.X509CRL x = (java.security.cert.X509CRL) c;
        newest.merge(x.getIssuerX500Principal(), x, (a, b) -> a.getThisUpdate().after(b.getThisUpdate()) ? a : b);
      }
      return newest;
    } catch (IOException | java.security.cert.CRLException | java.security.cert.CertificateException e) {
      throw new IllegalArgumentException("the CRL file does not read: " + e.getMessage(), e);
    }
  }

  /** Names the issuer whose CRL in {@code candidate} is older than the accepted one, or null. */
  static String rollback(java.util.Map<javax.security.auth.x500.X500Principal, java.security.cert.X509CRL> accepted,
      java.util.Map<javax.security.auth.x500.X500Principal, java.security.cert.X509CRL> candidate) {
    for (var entry : accepted.entrySet()) {
      java.security.cert.X509CRL replacement = candidate.get(entry.getKey());
      if (replacement != null && replacement.getThisUpdate().before(entry.getValue().getThisUpdate())) {
        return entry.getKey().getName();
      }
    }
    return null;
  }

  /** True (and a WARN) when an accepted CRL's nextUpdate is within {@link #NEXT_UPDATE_WARNING} of {@code now}. */
  boolean nextUpdateNear(java.time.Instant now) {
    boolean near = false;
    for (java.security.cert.X509CRL x : accepted.values()) {
      if (x.getNextUpdate() != null && now.plus(NEXT_UPDATE_WARNING).isAfter(x.getNextUpdate().toInstant())) {
        LOG.warn("the CRL of {} reaches its nextUpdate at {}; publish a newer CRL to {} before then or every "
            + "department it vouches for is refused", x.getIssuerX500Principal().getName(), x.getNextUpdate().toInstant(), crl);
        near = true;
      }
    }
    hub.crlNextUpdateNear(near);
    return near;
  }

  static ScheduledExecutorService start(HubServer hub, HubConfig config, Path crl) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "shuqiao-hub-crl-watcher");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(new CrlWatcher(hub, config, crl), PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    return timer;
  }

  @Override
  public void run() {
    FileTime now = modified();
    if (now == null || now.equals(seen)) {
      nextUpdateNear(java.time.Instant.now());
      return;
    }
    try {
      var candidate = read(crl);
      String olderFrom = rollback(accepted, candidate);
      if (olderFrom != null) {
        LOG.warn("the CRL {} changed to one older than the accepted CRL of {} (rollback); keeping the previous trust store",
            crl, olderFrom);
        seen = now;
        nextUpdateNear(java.time.Instant.now());
        return;
      }
      TrustStore trust = config.trustStore();
      hub.reloadTrustStore(trust);
      java.util.Map<javax.security.auth.x500.X500Principal, java.security.cert.X509CRL> merged = new java.util.HashMap<>(accepted);
      merged.putAll(candidate);
      accepted = merged;
      seen = now;
      LOG.info("trust store reloaded from {}", crl);
    } catch (RuntimeException e) {
      LOG.warn("the CRL {} changed but does not load ({}); keeping the previous trust store", crl, e.getMessage());
      seen = now;
    }
    nextUpdateNear(java.time.Instant.now());
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(crl);
    } catch (IOException e) {
      return null;
    }
  }
}
