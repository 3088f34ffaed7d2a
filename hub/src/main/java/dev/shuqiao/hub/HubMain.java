package dev.shuqiao.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar shuqiao-hub.jar [--port N] [--data DIR] [--config hub.yaml]}: starts the hub and
 * serves until stopped. Flags override the configuration file; a trust root is required (config
 * {@code trust.roots}). A configured CRL file ({@code trust.crl}) is watched: when it changes, the
 * trust store is reloaded without a restart. Exit codes: 2 wrong command line or configuration, 3 could not start.
 */
public final class HubMain {

  private HubMain() {}

  public static void main(String[] args) throws InterruptedException {
    HubServer hub;
    try {
      hub = start(List.of(args));
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("shuqiao-hub: " + e.getMessage());
      System.err.println("usage: java -jar shuqiao-hub.jar [--port N] [--data DIR] [--config hub.yaml]");
      System.exit(e instanceof IllegalArgumentException ? 2 : 3);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(hub::close, "shuqiao-hub-shutdown"));
    System.out.println("shuqiao-hub listening on " + hub.uri());
    Thread.currentThread().join();
  }

  /** Builds and starts a hub from command-line arguments. */
  static HubServer start(List<String> args) {
    HubServer.Builder builder = HubServer.builder().dataDirectory(Path.of("hub-data"));
    String port = null;
    String data = null;
    HubConfig config = null;
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args.get(++i);
      switch (flag) {
        case "--port" -> port = value;
        case "--data" -> data = value;
        case "--config" -> {
          config = HubConfig.load(Path.of(value));
          config.apply(builder);
        }
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    if (port != null) {
      try {
        builder.port(Integer.parseInt(port));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--port needs a number");
      }
    }
    if (data != null) {
      builder.dataDirectory(Path.of(data));
    }
    HubServer hub;
    try {
      hub = builder.build();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("incomplete configuration: " + e.getMessage() + " (set trust.roots in --config)", e);
    }
    hub.start();
    if (config != null && config.crlFile().isPresent()) {
      CrlWatcher.start(hub, config, config.crlFile().get());
    }
    return hub;
  }
}
