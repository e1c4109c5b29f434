package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.e2e.Platform;
import dev.switchboard.e2e.TelegramChannel;
import dev.switchboard.e2e.TelegramStub;
import dev.switchboard.testkit.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platform's real edges, driven as Telegram and agents drive them: channels with a Telegram bot
 * and agents online on the WebSocket (EVENLY, no capacity limit); clients whose webhooks are sent
 * at a fixed rate; agents who reply to a sample of their sessions. It correlates each webhook with
 * the frame it caused: a new client by the display name the {@code ASSIGNED}/{@code OFFERED} frame
 * carries (unique per client), a message by its text in the {@code MESSAGE} frame.
 */
final class MessagePathScenario implements AutoCloseable {

  static final String REPLY_PREFIX = "bench-reply-";

  /** A Telegram user of the benchmark, writing to one channel. */
  static final class Client {
    final int index;
    final TelegramChannel channel;
    final long chatId;
    final String firstName;
    final AtomicInteger nextMessageId = new AtomicInteger(1);
    final AtomicBoolean replied = new AtomicBoolean();
    volatile Step step;
    volatile long firstDueNanos;
    volatile boolean late;
    volatile String sessionId;
    volatile String agentToken;
    volatile long replySentNanos;

    Client(int index, TelegramChannel channel, long chatId, String run) {
      this.index = index;
      this.channel = channel;
      this.chatId = chatId;
      this.firstName = "b" + run + "c" + index;
    }

    String displayName() {
      return firstName + " Bench";
    }
  }

  private record PendingMessage(Step step, long dueNanos) {}

  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<TelegramChannel> channels = new ArrayList<>();
  private final List<WebSocket> sockets = new ArrayList<>();
  private final List<Client> clients = new ArrayList<>();
  private final Map<Integer, Client> clientsByIndex = new ConcurrentHashMap<>();
  private final Map<String, Client> clientsByName = new ConcurrentHashMap<>();
  private final Map<String, PendingMessage> pendingMessages = new ConcurrentHashMap<>();
  private final AtomicLong nextUpdateId = new AtomicLong(1);
  private final AtomicInteger unmatchedFrames = new AtomicInteger();
  private final long chatIdBase = ThreadLocalRandom.current().nextLong(1, 9_000) * 100_000L;
  private final double replyFraction;

  MessagePathScenario(int channelCount, int agentsPerChannel, double replyFraction)
      throws InterruptedException, ExecutionException {
    this.replyFraction = replyFraction;
    Platform.telegram().onCall(this::onTelegramCall);
    // The channels are set up side by side: each is a few dozen sequential calls.
    ExecutorService setUp = Executors.newFixedThreadPool(channelCount);
    try {
      List<Future<TelegramChannel>> created = new ArrayList<>();
      for (int c = 0; c < channelCount; c++) {
        int channel = c;
        created.add(setUp.submit(() -> channelWithAgentsOnline(channel, agentsPerChannel)));
      }
      for (Future<TelegramChannel> channel : created) {
        channels.add(channel.get());
      }
    } finally {
      setUp.shutdownNow();
    }
  }

  private TelegramChannel channelWithAgentsOnline(int c, int agentsPerChannel) {
    String[] agentIds = new String[agentsPerChannel];
    for (int a = 0; a < agentsPerChannel; a++) {
      agentIds[a] = "bench-" + run + "-c" + c + "-a" + a;
    }
    TelegramChannel.agents(agentIds);
    TelegramChannel channel = TelegramChannel.create("Bench " + run + " " + c, "EVENLY", agentIds);
    for (String agentId : agentIds) {
      String token = TestTokens.token(agentId, "agent");
      TelegramChannel.as(token)
          .body("{\"status\":\"ONLINE\"}")
          .put("/api/v1/agent/status")
          .then()
          .statusCode(200);
      WebSocket socket = TelegramChannel.openAgentEvents(token, frame -> onFrame(token, frame));
      synchronized (sockets) {
        sockets.add(socket);
      }
    }
    return channel;
  }

  int unmatchedFrames() {
    return unmatchedFrames.get();
  }

  /**
   * {@code count} clients never seen before, spread over the channels, belonging to {@code step}.
   */
  List<Client> newClients(int count, Step step) {
    List<Client> fresh = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int index = clients.size();
      Client client =
          new Client(index, channels.get(index % channels.size()), chatIdBase + index, run);
      client.step = step;
      clients.add(client);
      clientsByIndex.put(index, client);
      clientsByName.put(client.displayName(), client);
      fresh.add(client);
    }
    return fresh;
  }

  int clientCount() {
    return clients.size();
  }

  /** The clients whose session reached an agent (and may take further messages). */
  List<Client> clientsWithAnAgent() {
    return clients.stream().filter(c -> c.sessionId != null && c.agentToken != null).toList();
  }

  /** The client's first message: it opens a session. */
  void sendFirstMessage(Client client, long dueNanos) {
    client.firstDueNanos = dueNanos;
    webhook(client, "Hello from " + client.firstName, client.step, dueNanos);
  }

  /** Another message of a client who has a session, counted in {@code step}. */
  void sendFollowUp(Client client, Step step, long dueNanos) {
    String text = "m-" + client.firstName + "-" + client.nextMessageId.get();
    pendingMessages.put(text, new PendingMessage(step, dueNanos));
    webhook(client, text, step, dueNanos);
  }

  private void webhook(Client client, String text, Step step, long dueNanos) {
    int messageId = client.nextMessageId.getAndIncrement();
    String body =
        TelegramChannel.update(
            nextUpdateId.getAndIncrement(),
            client.chatId,
            client.firstName,
            "Bench",
            client.firstName,
            messageId,
            text);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(Platform.gateway() + "/webhooks/telegram/" + client.channel.connectorId))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("X-Telegram-Bot-Api-Secret-Token", client.channel.webhookSecret)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              long now = System.nanoTime();
              if (error == null && response.statusCode() == 200) {
                step.webhookToOk.record(dueNanos, now);
                step.answeredOk.incrementAndGet();
              } else {
                step.failed.incrementAndGet();
              }
            });
  }

  /**
   * Ends {@code step}: what has not reached its frame yet is its backlog, recorded at its current
   * age, and no longer counted if it arrives later.
   */
  void close(Step step, List<Client> newClients) {
    long now = System.nanoTime();
    step.closedNanos = now;
    int backlog = 0;
    for (Client client : newClients) {
      synchronized (client) {
        if (client.sessionId == null) {
          client.late = true;
          step.toFrame.record(client.firstDueNanos, now);
          backlog++;
        }
      }
    }
    for (var entry : pendingMessages.entrySet()) {
      if (entry.getValue().step() == step && pendingMessages.remove(entry.getKey()) != null) {
        step.toFrame.record(entry.getValue().dueNanos(), now);
        backlog++;
      }
    }
    step.backlog = backlog;
  }

  private void onFrame(String agentToken, JsonNode frame) {
    long now = System.nanoTime();
    String type = frame.path("type").asText();
    JsonNode data = frame.path("data");
    if (type.equals("MESSAGE")) {
      PendingMessage pending = pendingMessages.remove(data.path("text").asText(""));
      if (pending != null) {
        pending.step().completedAt(pending.dueNanos(), now);
      }
      return;
    }
    if (!type.equals("ASSIGNED") && !type.equals("OFFERED")) {
      return;
    }
    Client client = clientsByName.get(data.path("client").path("displayName").asText(""));
    if (client == null) {
      unmatchedFrames.incrementAndGet();
      return;
    }
    boolean first;
    synchronized (client) {
      first = client.sessionId == null;
      if (first) {
        client.sessionId = frame.path("sessionId").asText();
      }
      if (type.equals("ASSIGNED")) {
        client.agentToken = agentToken;
      }
    }
    if (first && !client.late) {
      client.step.completedAt(client.firstDueNanos, now);
    }
    if (type.equals("ASSIGNED")
        && sampledForReply(client)
        && client.replied.compareAndSet(false, true)) {
      reply(client);
    }
  }

  private boolean sampledForReply(Client client) {
    int every = (int) Math.max(1, Math.round(1 / Math.max(replyFraction, 1e-6)));
    return replyFraction > 0 && client.index % every == 0;
  }

  /** The agent answers: {@code POST /api/v1/sessions/{id}/messages}; timed to the stub's call. */
  private void reply(Client client) {
    Step step = client.step;
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    Platform.gateway() + "/api/v1/sessions/" + client.sessionId + "/messages"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + client.agentToken)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"text\":\"" + REPLY_PREFIX + client.index + "\"}"))
            .build();
    client.replySentNanos = System.nanoTime();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              if (error != null || response.statusCode() != 201) {
                step.replyFailed.incrementAndGet();
              }
            });
  }

  private void onTelegramCall(TelegramStub.Call call) {
    // Without the agent's name line the gateway puts first (Q8).
    String text = call.shownText();
    if (!call.method().equals("sendMessage") || !text.startsWith(REPLY_PREFIX)) {
      return;
    }
    int index = Integer.parseInt(text.substring(REPLY_PREFIX.length()));
    Client client = clientsByIndex.get(index);
    client.step.replyToSendMessage.record(client.replySentNanos, call.receivedAtNanos());
  }

  @Override
  public void close() {
    for (WebSocket socket : List.copyOf(sockets)) {
      socket.abort();
    }
  }
}
