package dev.switchboard.gateway.telegram;

import com.sun.management.OperatingSystemMXBean;
import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.TelegramUpdatesJson;
import dev.switchboard.gateway.support.TestConnectors;
import dev.switchboard.gateway.support.TestConnectors.Bot;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the webhook's own cost, connector lookup and secret check included, without Kafka (a
 * photo update is answered 200 and ignored). Run alone: {@code -Dtest=WebhookBench}. 16 requests in
 * flight; the figure is requests per second and the test JVM's CPU per request.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class WebhookBench {

  @Inject SecretsCipher cipher;
  @Inject Vertx vertx;

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  @Test
  void webhooksPerSecond() throws Exception {
    Bot bot = TestConnectors.registered(cipher);
    WebClient client = WebClient.create(vertx);
    try {
      run(client, bot, 2_000, "warm-up");
      run(client, bot, Integer.getInteger("bench.webhooks", 10_000), "measured");
    } finally {
      client.close();
    }
  }

  private void run(WebClient client, Bot bot, int requests, String label) throws Exception {
    Buffer body = Buffer.buffer(TelegramUpdatesJson.photo(1, 1));
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Semaphore inFlight = new Semaphore(16);
    AtomicInteger notOk = new AtomicInteger();
    CompletableFuture<Void> all = new CompletableFuture<>();
    AtomicInteger left = new AtomicInteger(requests);
    long cpuBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      inFlight.acquire();
      client
          .post(port, "localhost", "/webhooks/telegram/" + bot.connectorId())
          .putHeader("X-Telegram-Bot-Api-Secret-Token", bot.secret())
          .putHeader("Content-Type", "application/json")
          .sendBuffer(body)
          .onComplete(
              result -> {
                if (result.failed() || result.result().statusCode() != 200) {
                  notOk.incrementAndGet();
                }
                inFlight.release();
                if (left.decrementAndGet() == 0) {
                  all.complete(null);
                }
              });
    }
    all.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpu = os.getProcessCpuTime() - cpuBefore;
    System.out.printf(
        "BENCH webhook %s: %d requests (%d not 200) in %.2f s: %.0f requests/s, %.3f CPU ms per"
            + " request (whole test JVM)%n",
        label, requests, notOk.get(), seconds, requests / seconds, cpu / 1e6 / requests);
  }
}
