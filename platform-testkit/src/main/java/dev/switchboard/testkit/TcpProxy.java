package dev.switchboard.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between a service under test and the real Redis or PostgreSQL, which a test can
 * cut (every connection dropped, new ones refused: nothing listens on the port) and restore on the
 * same port. The shared server keeps running for everyone else.
 */
public final class TcpProxy implements AutoCloseable {

  private final int port;
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;

  private TcpProxy(int port, String targetHost, int targetPort) {
    this.port = port;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** Listens on {@code port} (of 127.0.0.1) and forwards to {@code targetHost:targetPort}. */
  public static TcpProxy start(int port, String targetHost, int targetPort) {
    TcpProxy proxy = new TcpProxy(port, targetHost, targetPort);
    proxy.restore();
    return proxy;
  }

  public int port() {
    return port;
  }

  /** Drops every connection and refuses new ones until {@link #restore()}. */
  public synchronized void cut() {
    ServerSocket listening = server;
    server = null;
    closeQuietly(listening);
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  /** Listens again on the same port. */
  public synchronized void restore() {
    if (server != null) {
      return;
    }
    try {
      ServerSocket listening = new ServerSocket();
      listening.setReuseAddress(true);
      listening.bind(new InetSocketAddress("127.0.0.1", port));
      server = listening;
      Thread acceptor = new Thread(() -> accept(listening), "tcp-proxy-accept-" + port);
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      Socket client;
      try {
        client = listening.accept();
      } catch (IOException e) {
        continue; // closed by cut()
      }
      try {
        Socket upstream = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        closeQuietly(client); // Redis refused: the client sees its connection drop
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread pumping =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (IOException e) {
                // One side went away: both are closed below.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
              }
            },
            "tcp-proxy-pump-" + port);
    pumping.setDaemon(true);
    pumping.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (SocketException e) {
      // already closed
    } catch (Exception e) {
      // nothing more to do while cutting
    }
  }

  @Override
  public void close() {
    cut();
  }
}
