package dev.switchboard.e2e.chaos;

import dev.switchboard.e2e.TelegramChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady load of Telegram webhooks at a fixed rate, open model as the message-path benchmark's
 * generator (each webhook is due at its time, whatever the platform does): a third from new
 * clients, the rest from clients who wrote before. Like Telegram, a webhook not answered 2xx is
 * posted again with the same {@code update_id}, every second, for up to a minute; the ledger says
 * which were answered 2xx in the end.
 */
final class ChaosLoad implements AutoCloseable {

  /** One client message: the chat of a connector and the message's id in it. */
  record Webhook(String connectorId, long chatId, int messageId) {}

  private record Client(ChaosRig.Channel channel, long chatId, AtomicInteger nextMessageId) {}

  private static final Duration REDELIVERY = Duration.ofSeconds(60);

  private final String gateway;
  private final List<ChaosRig.Channel> channels;
  private final HttpClient http;
  private final List<Client> clients = new ArrayList<>();
  private final AtomicLong nextUpdateId =
      new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1L << 40));
  private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService senders = Executors.newCachedThreadPool();
  private ScheduledFuture<?> ticking;

  /** Every webhook sent: true once answered 2xx, false while not (or never). */
  final Map<Webhook, Boolean> webhooks = new ConcurrentHashMap<>();

  final AtomicLong attemptsRefused = new AtomicLong();

  ChaosLoad(String gateway, List<ChaosRig.Channel> channels, HttpClient http) {
    this.gateway = gateway;
    this.channels = channels;
    this.http = http;
  }

  void start(double perSecond) {
    ticking =
        ticks.scheduleAtFixedRate(
            this::next, 0, Math.round(1_000_000 / perSecond), TimeUnit.MICROSECONDS);
  }

  /** Stops sending new webhooks and waits until those under way were answered or given up. */
  void stop() throws InterruptedException {
    ticking.cancel(false);
    ticks.shutdown();
    senders.shutdown();
    senders.awaitTermination(REDELIVERY.toSeconds() + 30, TimeUnit.SECONDS);
  }

  long answered() {
    return webhooks.values().stream().filter(Boolean::booleanValue).count();
  }

  /**
   * A new client of {@code channel} writes once, as a probe; answers the webhook when the gateway
   * took it (2xx), null if it did not within a minute.
   */
  Webhook probe(ChaosRig.Channel channel) {
    Client client = newClient(channel);
    Webhook webhook = new Webhook(channel.connectorId(), client.chatId(), 1);
    return deliver(webhook, channel) ? webhook : null;
  }

  private void next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Client client;
    synchronized (clients) {
      client =
          clients.size() < 10 || random.nextInt(3) == 0
              ? newClient(channels.get(random.nextInt(channels.size())))
              : clients.get(random.nextInt(clients.size()));
    }
    Webhook webhook =
        new Webhook(
            client.channel().connectorId(),
            client.chatId(),
            client.nextMessageId().getAndIncrement());
    senders.execute(() -> deliver(webhook, client.channel()));
  }

  private Client newClient(ChaosRig.Channel channel) {
    Client client =
        new Client(
            channel,
            ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L),
            new AtomicInteger(1));
    synchronized (clients) {
      clients.add(client);
    }
    return client;
  }

  private boolean deliver(Webhook webhook, ChaosRig.Channel channel) {
    webhooks.put(webhook, false);
    String update =
        TelegramChannel.update(
            nextUpdateId.getAndIncrement(),
            webhook.chatId(),
            "Chaos",
            "Client" + webhook.chatId(),
            "chaos" + webhook.chatId(),
            webhook.messageId(),
            "chaos message " + webhook.messageId() + " of " + webhook.chatId());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway + "/webhooks/telegram/" + channel.connectorId()))
            .header("Content-Type", "application/json")
            .header("X-Telegram-Bot-Api-Secret-Token", channel.webhookSecret())
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(update))
            .build();
    long giveUpAt = System.nanoTime() + REDELIVERY.toNanos();
    while (System.nanoTime() < giveUpAt) {
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
          webhooks.put(webhook, true);
          return true;
        }
      } catch (java.io.IOException refused) {
        // The gateway is down: Telegram tries again later.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      attemptsRefused.incrementAndGet();
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
    }
    return false;
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    senders.shutdownNow();
  }
}
