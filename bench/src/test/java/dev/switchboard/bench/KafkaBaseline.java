package dev.switchboard.bench;

import dev.switchboard.testkit.Infrastructure;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Bare Kafka on the platform's broker, in the same run: 200-byte records produced at a fixed rate
 * (acks=all, linger.ms=0) to a scratch topic of its own, consumed by one consumer in this JVM;
 * latency from each record's due time to the poll that returned it. The topic is deleted after.
 */
final class KafkaBaseline {

  private static final int RECORD_BYTES = 200;

  private KafkaBaseline() {}

  /** Produces {@code seconds * perSecond} records; the first second is warm-up, not recorded. */
  static Latency measure(double perSecond, int seconds) throws Exception {
    String topic = "bench-baseline-" + UUID.randomUUID().toString().substring(0, 8);
    Latency latency = new Latency("Kafka produce -> consume (baseline)");
    Properties adminConfig = new Properties();
    adminConfig.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    try (AdminClient admin = AdminClient.create(adminConfig)) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      try {
        run(topic, perSecond, seconds, latency);
      } finally {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      }
    }
    return latency;
  }

  private static void run(String topic, double perSecond, int seconds, Latency latency)
      throws InterruptedException {
    int total = (int) (perSecond * seconds);
    int warmUp = (int) perSecond;
    AtomicBoolean done = new AtomicBoolean();
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      consumer.position(partition);
      int[] received = {0};
      Thread reader =
          new Thread(
              () -> {
                while (!done.get() && received[0] < total) {
                  var records = consumer.poll(Duration.ofMillis(100));
                  long now = System.nanoTime();
                  for (ConsumerRecord<byte[], byte[]> record : records) {
                    ByteBuffer value = ByteBuffer.wrap(record.value());
                    int index = value.getInt();
                    long due = value.getLong();
                    if (index >= warmUp) {
                      latency.record(due, now);
                    }
                    received[0]++;
                  }
                }
              },
              "kafka-baseline-reader");
      reader.start();
      FixedRate.run(
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200),
          total,
          perSecond,
          (index, due) -> {
            byte[] value = new byte[RECORD_BYTES];
            ByteBuffer.wrap(value).putInt(index).putLong(due);
            producer.send(new ProducerRecord<>(topic, value));
          });
      producer.flush();
      reader.join(TimeUnit.SECONDS.toMillis(30));
      done.set(true);
      reader.join();
    }
  }

  private static Properties producerConfig() {
    Properties config = new Properties();
    config.putAll(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, "0",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    return config;
  }

  private static Properties consumerConfig() {
    Properties config = new Properties();
    config.putAll(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    return config;
  }
}
