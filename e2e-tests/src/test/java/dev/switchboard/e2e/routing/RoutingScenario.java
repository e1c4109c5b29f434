package dev.switchboard.e2e.routing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.e2e.ConsumerGroups;
import dev.switchboard.e2e.RedisKeys;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.events.presence.AgentPresenceChanged;
import dev.switchboard.events.presence.PresenceChangeReason;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.testkit.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One routing scenario on the real broker: its agents (all online), its channels (EVENLY, a queue
 * each, one session limit), the sessions it queues and closes, and the assignments routing
 * publishes, kept in a {@link RoutingLedger}. Everything is named after a run id, so records of
 * other runs on the same topics are ignored.
 */
final class RoutingScenario implements AutoCloseable {

  private static final String SOURCE = CloudEventHeaders.source("e2e-routing");

  final String runId = UUID.randomUUID().toString().substring(0, 8);
  final String groupId = "routing-e2e-" + runId;
  final String redisKeyPrefix = "sb:routing:e2e-" + runId + ":";
  final List<String> agents;
  final Map<String, List<String>> queues;
  final int limit;
  final RoutingLedger ledger;

  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> routingEvents;
  private final AtomicInteger sessionNumber = new AtomicInteger();
  private volatile Exception sendFailure;

  /**
   * @param agentCount agents, all online
   * @param channelCount channels
   * @param queueSize agents per queue: channel {@code c}'s queue starts at agent {@code c *
   *     queueStep} and wraps around, so queues overlap when {@code queueStep < queueSize}
   * @param queueStep how far apart the queues start
   * @param limit sessions per agent at once (Q7), on every channel
   */
  RoutingScenario(int agentCount, int channelCount, int queueSize, int queueStep, int limit) {
    this.limit = limit;
    List<String> agentIds = new ArrayList<>();
    for (int a = 0; a < agentCount; a++) {
      agentIds.add("e2e-" + runId + "-agent-" + a);
    }
    this.agents = List.copyOf(agentIds);
    Map<String, List<String>> queueByChannel = new LinkedHashMap<>();
    for (int c = 0; c < channelCount; c++) {
      List<String> queue = new ArrayList<>();
      for (int i = 0; i < queueSize; i++) {
        queue.add(agents.get((c * queueStep + i) % agentCount));
      }
      queueByChannel.put("e2e-" + runId + "-channel-" + c, List.copyOf(queue));
    }
    this.queues = java.util.Collections.unmodifiableMap(queueByChannel);
    this.ledger = new RoutingLedger(queues, limit);

    Properties producerConfig = new Properties();
    producerConfig.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    producer = new KafkaProducer<>(producerConfig);

    routingEvents = new KafkaConsumer<>(consumerConfig(null));
    List<TopicPartition> partitions = partitionsOf(routingEvents, Topics.ROUTING_EVENTS);
    routingEvents.assign(partitions);
    routingEvents.seekToEnd(partitions);
    partitions.forEach(routingEvents::position);
  }

  /**
   * Commits the routing instances' group at the current end of the topics they read in it, so they
   * start exactly here: everything this scenario publishes from now on is read, nothing earlier.
   */
  void startGroupHere() {
    ConsumerGroups.startAtEnd(groupId, Topics.SESSION_EVENTS, Topics.PRESENCE);
  }

  /** Every channel's settings and every agent online and clocked in. */
  void publishChannelsAndPresence() {
    queues.forEach(
        (channelId, queue) -> {
          ObjectNode section = JsonNodeFactory.instance.objectNode();
          section.put("distributionMode", "EVENLY");
          section.put("checkAvailability", true);
          section.put("maxSessionsPerAgent", limit);
          var members = section.putArray("members");
          var ids = section.putArray("agentIds");
          queue.forEach(
              agent -> {
                members.addObject().put("type", "USER").put("id", agent);
                ids.add(agent);
              });
          send(
              new ChannelConfigChanged(
                  PlatformEvent.newId(),
                  channelId,
                  1,
                  false,
                  new ChannelSettings(channelId, true, Map.of("queue", section)),
                  Instant.now()),
              null);
        });
    for (String agent : agents) {
      send(
          new AgentPresenceChanged(
              PlatformEvent.newId(),
              agent,
              PresenceStatus.ONLINE,
              true,
              PresenceChangeReason.EXPLICIT,
              Instant.now()),
          null);
    }
    flush();
  }

  /** Queues a new session on {@code channelId} (asynchronously) and returns its id. */
  String queue(String channelId) {
    String sessionId = "e2e-" + runId + "-session-" + sessionNumber.incrementAndGet();
    ledger.queued(channelId, sessionId);
    send(
        new SessionQueued(
            PlatformEvent.newId(),
            channelId,
            sessionId,
            QueueReason.NEW_SESSION,
            null,
            Instant.now()),
        publishedAt -> ledger.queuedPublishedAt(sessionId, publishedAt));
    return sessionId;
  }

  /** The agent closes the session (asynchronously). */
  void close(RoutingLedger.Assignment assignment) {
    String channelId = ledger.channelOf(assignment.sessionId());
    // Noted before the send: the ledger may only count closes published no later than this.
    ledger.closed(assignment.sessionId(), System.currentTimeMillis());
    send(
        new SessionClosed(
            PlatformEvent.newId(),
            channelId,
            assignment.sessionId(),
            assignment.agentId(),
            ClosedBy.AGENT,
            assignment.agentId(),
            CloseReason.MANUAL,
            null,
            Instant.now()),
        null);
  }

  void flush() {
    producer.flush();
    if (sendFailure != null) {
      throw new IllegalStateException("Kafka refused a record", sendFailure);
    }
  }

  /** Reads what routing published since the last call into the ledger. */
  void pollAssignments(Duration timeout) {
    for (ConsumerRecord<String, byte[]> record : routingEvents.poll(timeout)) {
      if (!queues.containsKey(record.key())) {
        continue;
      }
      var typeHeader = record.headers().lastHeader(CloudEventHeaders.TYPE);
      String ceType =
          typeHeader == null ? "" : new String(typeHeader.value(), StandardCharsets.UTF_8);
      if (!ceType.equals(EventRegistry.ceTypeOf(AgentAssigned.class))) {
        continue;
      }
      AgentAssigned assigned = EventJson.read(ceType, record.value(), AgentAssigned.class);
      ledger.assigned(assigned.id(), assigned.sessionId(), assigned.agentId(), record.timestamp());
    }
  }

  private void send(PlatformEvent event, java.util.function.LongConsumer publishedAt) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            EventRegistry.topicOf(event.getClass()), event.partitionKey(), EventJson.write(event));
    CloudEventHeaders.of(event, SOURCE)
        .forEach(
            (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    producer.send(
        record,
        (metadata, failure) -> {
          if (failure != null) {
            sendFailure = failure;
          } else if (publishedAt != null) {
            publishedAt.accept(metadata.timestamp());
          }
        });
  }

  private static Properties consumerConfig(String groupId) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    if (groupId != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    return config;
  }

  private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .toList();
  }

  /** Closes the clients and removes the instances' Redis keys. */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    routingEvents.close(Duration.ofSeconds(2));
    RedisKeys.deleteUnder(redisKeyPrefix);
  }
}
