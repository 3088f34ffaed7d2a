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
 * still fails closed once its own {@code nextUpdate} has passed.
 */
final class CrlWatcher implements Runnable {

  static final long PERIOD_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(CrlWatcher.class);

  private final HubServer hub;
  private final HubConfig config;
  private final Path crl;
  private FileTime seen;

  CrlWatcher(HubServer hub, HubConfig config, Path crl) {
    this.hub = hub;
    this.config = config;
    this.crl = crl;
    this.seen = modified();
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
      return;
    }
    try {
      TrustStore trust = config.trustStore();
      hub.reloadTrustStore(trust);
      seen = now;
      LOG.info("trust store reloaded from {}", crl);
    } catch (RuntimeException e) {
      LOG.warn("the CRL {} changed but does not load ({}); keeping the previous trust store", crl, e.getMessage());
      seen = now;
    }
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(crl);
    } catch (IOException e) {
      return null;
    }
  }
}
