/*
 * Runs a Redis server for local development when no redis-server is installed.
 * JDK + com.github.codemonstur:embedded-redis (which bundles Redis 6.2 binaries).
 *
 *   java -cp '.switchboard/redis/libs/*' deploy/local/EmbeddedRedis.java --port 6379 --dir .switchboard/redis \
 *       [--requirepass <password>]
 *
 * Listens on 127.0.0.1 only, append-only file in --dir so data survives restarts.
 * The program stays in the foreground; SIGTERM/SIGINT stop Redis and then the program.
 */

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import redis.embedded.RedisServer;

class EmbeddedRedisLauncher {

  public static void main(String[] args) throws Exception {
    int port = 6379;
    Path dir = Path.of(".switchboard/redis");
    String password = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--requirepass" -> password = args[++i];
        default -> {
          System.err.println("EmbeddedRedis: unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    dir = dir.toAbsolutePath();
    Files.createDirectories(dir);

    var builder = RedisServer.newRedisServer();
    if (password != null) {
      builder.setting("requirepass " + password);
    }
    RedisServer redis =
        builder
            .port(port)
            .bind("127.0.0.1")
            .setting("dir " + dir)
            .setting("appendonly yes")
            .setting("save 60 1000")
            .setting("protected-mode yes")
            .soutListener(line -> System.out.println(line))
            .serrListener(line -> System.err.println(line))
            .onShutdownForceStop(false)
            .build();
    redis.start();

    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log("stopping Redis on port " + redis.ports());
                  try {
                    redis.stop();
                    log("Redis stopped");
                  } catch (Exception e) {
                    log("stopping Redis failed: " + e);
                  }
                },
                "embedded-redis-stop"));

    log("READY: Redis accepts connections on 127.0.0.1:" + port + " (data in " + dir + ")");
    System.gc(); // give back the memory used while starting: this program now only waits
    new CountDownLatch(1).await(); // until a signal runs the shutdown hook
  }

  static void log(String message) {
    System.out.println(
        "[" + java.time.LocalDateTime.now().withNano(0) + "] EmbeddedRedis: " + message);
    System.out.flush();
  }
}
