package dev.shuqiao.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of the hub that can break a connection as a network would: once armed with
 * {@link #cutAfter}, the next connection that carries that many bytes towards the hub is closed on
 * both sides in the middle of whatever it was sending (the hub sees its request body end early,
 * the client an I/O error). Between closing the hub's side and the client's, a hook runs (e.g. a hub
 * restart), so the client's next attempt finds what the hook left. {@link #target} follows a
 * restarted hub to its new port.
 */
final class CuttingProxy implements AutoCloseable {

  private final ServerSocket server;
  private final AtomicReference<URI> target;
  private final AtomicReference<Cut> armed = new AtomicReference<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  final AtomicInteger cuts = new AtomicInteger();

  private record Cut(long afterBytes, Runnable hook) {}

  CuttingProxy(URI target) throws IOException {
    this.target = new AtomicReference<>(target);
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress("localhost", 0));
    Thread accept = new Thread(this::accept, "cutting-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  URI uri() {
    return URI.create("http://localhost:" + server.getLocalPort());
  }

  void target(URI next) {
    target.set(next);
  }

  /** Breaks the next connection once it carried {@code bytes} towards the hub, running {@code hook} in between. */
  void cutAfter(long bytes, Runnable hook) {
    armed.set(new Cut(bytes, hook));
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        URI to = target.get();
        Socket hub = new Socket(to.getHost(), to.getPort());
        open.add(client);
        open.add(hub);
        start(() -> pumpUp(client, hub));
        start(() -> pump(hub, client));
      } catch (IOException e) {
        // closed, or the hub is down: the client's connection fails as it would without a proxy
      }
    }
  }

  private void pumpUp(Socket client, Socket hub) {
    byte[] buffer = new byte[16 * 1024];
    long sent = 0;
    try (InputStream in = client.getInputStream(); OutputStream out = hub.getOutputStream()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        Cut cut = armed.get();
        if (cut != null && sent + n >= cut.afterBytes() && armed.compareAndSet(cut, null)) {
          int part = (int) Math.max(0, cut.afterBytes() - sent);
          out.write(buffer, 0, part);
          out.flush();
          close(hub);
          cut.hook().run();
          cuts.incrementAndGet();
          close(client);
          return;
        }
        out.write(buffer, 0, n);
        sent += n;
      }
    } catch (IOException e) {
      // one side went away
    } finally {
      close(hub);
      close(client);
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // one side went away
    } finally {
      close(from);
      close(to);
    }
  }

  private static void start(Runnable pump) {
    Thread thread = new Thread(pump, "cutting-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    open.forEach(CuttingProxy::close);
  }
}
