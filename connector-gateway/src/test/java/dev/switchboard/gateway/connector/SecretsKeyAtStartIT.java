package dev.switchboard.gateway.connector;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway refuses to start without a usable CONNECTOR_SECRETS_KEY, rather than start,
 * report ready and fail every webhook: the operator sees why in the log.
 */
class SecretsKeyAtStartIT {

  private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");

  @Test
  void withoutAKeyTheGatewayDoesNotStartAndSaysWhichSettingIsMissing() throws Exception {
    Exit exit = start(null);
    assertThat(exit.output(), exit.code(), not(0));
    assertThat(exit.output(), containsString("CONNECTOR_SECRETS_KEY is not set"));
  }

  @Test
  void withAMalformedKeyTheGatewayDoesNotStartAndSaysTheKeyIsNotUsable() throws Exception {
    String tenBytes = Base64.getEncoder().encodeToString(new byte[10]);
    for (String malformed : List.of("not base64 at all!", tenBytes)) {
      Exit exit = start(malformed);
      assertThat(exit.output(), exit.code(), not(0));
      assertThat(
          exit.output(),
          containsString(
              "CONNECTOR_SECRETS_KEY or CONNECTOR_SECRETS_OLD_KEYS holds no usable key"));
      assertThat(exit.output(), not(containsString(malformed)));
    }
  }

  private record Exit(int code, String output) {}

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Exit start(String secretsKey) throws IOException, InterruptedException {
    Infrastructure.requireReachable();
    Path log = Files.createTempFile("gateway-start-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A group of its own: this instance must not take the platform's deliveries.
                "-Dmp.messaging.incoming.outbound-messages.group.id=gateway-start-it-"
                    + UUID.randomUUID(),
                "-jar",
                APP.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.put("HTTP_PORT", Integer.toString(freePort()));
    environment.put("MANAGEMENT_PORT", Integer.toString(freePort()));
    environment.put("PG_DATABASE", Infrastructure.pgTestDatabase());
    environment.put("OIDC_PUBLIC_KEY", TestTokens.publicKeyBase64());
    environment.put("OIDC_ISSUER", TestTokens.ISSUER);
    environment.put("TELEGRAM_API_BASE_URL", "http://127.0.0.1:1");
    environment.remove("CONNECTOR_SECRETS_KEY");
    if (secretsKey != null) {
      environment.put("CONNECTOR_SECRETS_KEY", secretsKey);
    }
    Process process = builder.start();
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        throw new AssertionError(
            "The gateway was still running after 2 minutes:\n" + Files.readString(log));
      }
      return new Exit(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }
}
