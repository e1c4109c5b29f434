package dev.switchboard.routing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of its own, as a deployment should run it: a password ({@code requirepass}) and
 * TLS ({@code --tls-port}, a self-signed certificate for localhost made with openssl), beside a
 * plain port that still requires the password. The service under test reaches it over {@code
 * rediss://} with the certificate as its truststore (the named TLS configuration {@code redis}).
 * Needs {@code redis-server} built with TLS and {@code openssl} on the PATH.
 */
public class ProtectedRedis implements QuarkusTestResourceLifecycleManager {

  static final String PASSWORD = "pw-" + UUID.randomUUID();
  private static int plainPort;
  private static Process server;
  private static Path dir;

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("protected-redis");
      run(
          "openssl",
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=localhost",
          "-addext",
          "subjectAltName=DNS:localhost,IP:127.0.0.1",
          "-keyout",
          dir.resolve("key.pem").toString(),
          "-out",
          dir.resolve("cert.pem").toString());
      plainPort = freePort();
      int tlsPort = freePort();
      server =
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  Integer.toString(plainPort),
                  "--tls-port",
                  Integer.toString(tlsPort),
                  "--tls-cert-file",
                  dir.resolve("cert.pem").toString(),
                  "--tls-key-file",
                  dir.resolve("key.pem").toString(),
                  "--tls-auth-clients",
                  "no",
                  "--requirepass",
                  PASSWORD,
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      awaitAnswer();
      return Map.of(
          "quarkus.redis.hosts",
          "rediss://:" + PASSWORD + "@localhost:" + tlsPort,
          "quarkus.tls.redis.trust-store.pem.certs",
          dir.resolve("cert.pem").toString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("Could not start a protected redis-server", e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.destroy();
    }
  }

  /** Sends one command to the plain port, after {@code auth} (none when empty); the first reply. */
  static String ask(List<String> auth, List<String> command) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", plainPort)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      if (!auth.isEmpty()) {
        String answer = send(out, in, auth);
        if (!answer.startsWith("+OK")) {
          return answer;
        }
      }
      return send(out, in, command);
    }
  }

  private static String send(OutputStream out, InputStream in, List<String> command)
      throws IOException {
    StringBuilder resp = new StringBuilder("*" + command.size() + "\r\n");
    for (String part : command) {
      resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
      resp.append(part).append("\r\n");
    }
    out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString().trim();
  }

  private static void awaitAnswer() throws IOException, InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        ask(List.of(), List.of("PING"));
        return;
      } catch (IOException e) {
        if (System.nanoTime() > until || !server.isAlive()) {
          throw new IOException(
              "redis-server did not answer: " + Files.readString(dir.resolve("redis.log")), e);
        }
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
