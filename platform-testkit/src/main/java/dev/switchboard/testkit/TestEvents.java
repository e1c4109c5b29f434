package dev.switchboard.testkit;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.PlatformEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes on the real broker what another service would, as it would: JSON from {@link
 * EventJson}, CloudEvents headers, the topic's key. Each call returns once Kafka has the record.
 */
public final class TestEvents {

  /** The {@code ce_source} of events that tests publish. */
  public static final String SOURCE = CloudEventHeaders.source("tests");

  private static KafkaProducer<String, byte[]> producer;

  private TestEvents() {}

  /** Publishes {@code event} on its topic, keyed, with CloudEvents headers. */
  public static void publish(PlatformEvent event) {
    publish(event, SOURCE);
  }

  public static void publish(PlatformEvent event, String source) {
    publishRaw(
        EventRegistry.topicOf(event.getClass()),
        event.partitionKey(),
        CloudEventHeaders.of(event, source),
        EventJson.write(event));
  }

  /** Publishes any record, e.g. a malformed one that must end in a dead-letter topic. */
  public static void publishRaw(
      String topic, String key, Map<String, String> headers, byte[] value) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    headers.forEach(
        (name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
    try {
      producer().send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not take the record for " + topic, e.getCause());
    }
  }

  private static synchronized KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      Properties config = new Properties();
      config.putAll(Infrastructure.kafkaClientConfig());
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
      config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      producer = new KafkaProducer<>(config);
    }
    return producer;
  }
}
