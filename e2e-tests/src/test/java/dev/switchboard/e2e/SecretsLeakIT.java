package dev.switchboard.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;

import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.TestTokens;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connector's bot token and webhook secret go in once, sealed, and come out only to Telegram: a
 * whole conversation (webhook in, the agent's reply out through the Telegram stub) leaves neither
 * of them, nor an obvious encoding of them, in any service's log, any record of any topic (read
 * from the beginning, headers too) or any answer of the API.
 */
@ExtendWith(Platform.class)
class SecretsLeakIT {

  @Test
  void aConversationLeavesTheBotTokenAndTheWebhookSecretNowhereButAtTelegram() throws Exception {
    String canary = UUID.randomUUID().toString().replace("-", "");
    String botToken =
        ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L) + ":AAHtok" + canary;
    String webhookSecret = "hook-" + canary.substring(0, 16) + "-secret";
    List<String> answers = new CopyOnWriteArrayList<>();
    Filter recordAnswers =
        (request, response, context) -> {
          var answer = context.next(request, response);
          answers.add(
              request.getMethod()
                  + " "
                  + request.getURI()
                  + " -> "
                  + answer.getStatusCode()
                  + " "
                  + answer.getHeaders()
                  + " "
                  + answer.asString());
          return answer;
        };
    RestAssured.filters(recordAnswers);
    try {
      converse(botToken, webhookSecret);
    } finally {
      RestAssured.replaceFiltersWith(List.of());
    }

    Map<String, String> forms = forms(botToken, webhookSecret);
    List<String> found = new ArrayList<>();
    for (ServiceProcess service : Platform.services().values()) {
      String log = Files.readString(service.log(), StandardCharsets.UTF_8);
      found.addAll(leaks(forms, log, service.log().getFileName().toString()));
    }
    for (String answer : answers) {
      found.addAll(leaks(forms, answer, "the answer to " + answer.split(" -> ")[0]));
    }
    found.addAll(leaksInTopics(forms));
    assertThat(found, empty());
  }

  /** The administrator attaches the bot, the client writes, the agent answers through Telegram. */
  private static void converse(String botToken, String webhookSecret) {
    String agentId = "agent-leak-" + ThreadLocalRandom.current().nextInt(1_000_000);
    String agent = TestTokens.token(agentId, "agent");
    TelegramChannel.agents(agentId);
    TelegramChannel channel =
        TelegramChannel.createWithSecrets("Leak check", "EVENLY", botToken, webhookSecret, agentId);
    TelegramChannel.as(TelegramChannel.ADMIN)
        .get("/api/v1/channels/" + channel.channelId + "/connectors")
        .then()
        .statusCode(200);
    TelegramChannel.as(agent)
        .body("{\"status\":\"ONLINE\"}")
        .put("/api/v1/agent/status")
        .then()
        .statusCode(200);
    channel.clientWrites(1, "Hello, is my token safe?");
    String sessionId =
        await("the session in the agent's list")
            .atMost(TelegramChannel.PATIENCE)
            .until(() -> channel.sessionIdsIn(agent), ids -> ids.size() == 1)
            .get(0);
    TelegramChannel.as(agent).get("/api/v1/sessions/" + sessionId + "/messages").then();
    TelegramChannel.as(agent)
        .body("{\"text\":\"It is.\"}")
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(201);
    await("the reply sent through the bot")
        .atMost(TelegramChannel.PATIENCE)
        .until(
            () ->
                Platform.telegram().calls().stream()
                    .filter(call -> call.botToken().equals(botToken))
                    .toList(),
            hasSize(1));
  }

  /** The secrets as a log line, a URL, a header or an encoded blob might carry them. */
  private static Map<String, String> forms(String botToken, String webhookSecret) {
    Map<String, String> forms = new LinkedHashMap<>();
    Base64.Encoder base64 = Base64.getEncoder();
    Base64.Encoder base64Url = Base64.getUrlEncoder().withoutPadding();
    forms.put("bot token", botToken);
    forms.put("bot token, URL-encoded", URLEncoder.encode(botToken, StandardCharsets.UTF_8));
    forms.put("bot token's secret part", botToken.substring(botToken.indexOf(':') + 1));
    forms.put("bot token in a Bot API URL", "/bot" + botToken);
    forms.put("bot token, base64", base64.encodeToString(bytes(botToken)));
    forms.put("bot token, base64url", base64Url.encodeToString(bytes(botToken)));
    forms.put("webhook secret", webhookSecret);
    forms.put("webhook secret, base64", base64.encodeToString(bytes(webhookSecret)));
    forms.put("webhook secret, base64url", base64Url.encodeToString(bytes(webhookSecret)));
    return forms;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> leaks(Map<String, String> forms, String text, String where) {
    List<String> found = new ArrayList<>();
    forms.forEach(
        (form, value) -> {
          if (text.contains(value)) {
            found.add("the " + form + " in " + where);
          }
        });
    return found;
  }

  /** Every record of every topic from its first offset to its end, key, value and headers. */
  private static List<String> leaksInTopics(Map<String, String> forms) throws Exception {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    List<String> found = new ArrayList<>();
    try (Admin admin = Admin.create(config);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : admin.listTopics().names().get()) {
        for (PartitionInfo partition : consumer.partitionsFor(topic)) {
          partitions.add(new TopicPartition(topic, partition.partition()));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("The topics were not read to their end in 3 minutes");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          StringBuilder text = new StringBuilder();
          append(text, record.key());
          append(text, record.value());
          for (Header header : record.headers()) {
            text.append(' ').append(header.key()).append('=');
            append(text, header.value());
          }
          found.addAll(
              leaks(
                  forms,
                  text.toString(),
                  record.topic() + "-" + record.partition() + "@" + record.offset()));
        }
      }
    }
    return found;
  }

  private static void append(StringBuilder text, byte[] bytes) {
    if (bytes != null) {
      text.append(new String(bytes, StandardCharsets.UTF_8));
    }
  }
}
