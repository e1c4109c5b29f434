/*
 * Inspects and replays the platform's dead-letter topics (<topic>.dlq). JDK + kafka-clients only.
 *
 *   java -cp '.switchboard/kafka/libs/*' deploy/local/DeadLetters.java --bootstrap localhost:9092 \
 *        list [DLQ_TOPIC] [--last N]
 *   java -cp '.switchboard/kafka/libs/*' deploy/local/DeadLetters.java --bootstrap localhost:9092 \
 *        replay DLQ_TOPIC [--dry-run] [--timeout SECONDS]
 *   --command-config FILE  the clients' security settings (security.protocol, sasl.*, ssl.*), as
 *                          Kafka's own tools take them; ./switchboard writes it from KAFKA_SECURITY_PROTOCOL etc.
 *
 * list    every topic whose name ends in ".dlq" (or the one named): how many records it holds, how
 *         many are not replayed yet, and the last N (10) of those with their time, key, where they
 *         came from and why they were dead-lettered (the dead-letter-* headers SmallRye and the
 *         services write).
 * replay  publishes every record of DLQ_TOPIC not replayed yet back to the topic it came from
 *         (header dead-letter-topic, else the name without ".dlq"), with its key, value and headers
 *         (the dead-letter-* headers replaced by dead-letter-replayed-from: dlq/partition/offset),
 *         then remembers how far it got (consumer group "switchboard-dlq-replay", committed only
 *         after Kafka acknowledged every record), so a record is replayed once. The services are
 *         idempotent on the event id: a replayed record that had been handled after all is skipped.
 *         A record that fails again comes back to the DLQ with a new reason. --dry-run only lists.
 *
 * Exit codes: 0 ok, 1 broker not reachable, 2 bad arguments or unknown topic, 3 other error.
 */

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

public class DeadLetters {

  static final String GROUP = "switchboard-dlq-replay";
  static final String SUFFIX = ".dlq";
  static final String PREFIX = "dead-letter-";
  static final String REPLAYED_FROM = "dead-letter-replayed-from";

  public static void main(String[] args) {
    String bootstrap = "localhost:9092";
    String command = null;
    String topic = null;
    int last = 10;
    int timeoutSeconds = 30;
    boolean dryRun = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--bootstrap" -> bootstrap = value(args, ++i);
        case "--command-config" -> loadCommandConfig(value(args, ++i));
        case "--last" -> last = number(value(args, ++i), "--last");
        case "--timeout" -> timeoutSeconds = number(value(args, ++i), "--timeout");
        case "--dry-run" -> dryRun = true;
        default -> {
          if (args[i].startsWith("-")) {
            fail(2, "unknown option: " + args[i]);
          } else if (command == null) {
            command = args[i];
          } else if (topic == null) {
            topic = args[i];
          } else {
            fail(2, "unexpected argument: " + args[i]);
          }
        }
      }
    }
    if (command == null || !Set.of("list", "replay").contains(command)) {
      fail(2, "usage: list [DLQ_TOPIC] [--last N] | replay DLQ_TOPIC [--dry-run]");
    }
    if (topic != null && !topic.endsWith(SUFFIX)) {
      fail(2, topic + " is not a dead-letter topic (its name must end in " + SUFFIX + ")");
    }
    if ("replay".equals(command) && topic == null) {
      fail(2, "replay: which dead-letter topic? (see 'dlq list')");
    }
    try (Admin admin = Admin.create(adminProps(bootstrap))) {
      Set<String> all;
      try {
        all = admin.listTopics().names().get(timeoutSeconds, TimeUnit.SECONDS);
      } catch (Exception e) {
        fail(1, "Kafka at " + bootstrap + " did not answer: " + e);
        return;
      }
      Set<String> dlqs = new TreeSet<>();
      for (String name : all) {
        if (name.endsWith(SUFFIX)) {
          dlqs.add(name);
        }
      }
      if (topic != null && !dlqs.contains(topic)) {
        fail(2, "no topic " + topic + " on the broker; dead-letter topics: " + dlqs);
      }
      if ("list".equals(command)) {
        list(bootstrap, topic == null ? dlqs : Set.of(topic), last);
      } else {
        replay(bootstrap, topic, dryRun, timeoutSeconds);
      }
    } catch (ExecutionException e) {
      fail(3, "Kafka error: " + e.getCause());
    } catch (Exception e) {
      fail(3, "error: " + e);
    }
  }

  /** The records of a DLQ from the replay group's position to the end as it is now. */
  record Pending(
      List<ConsumerRecord<byte[], byte[]>> records,
      long total,
      Map<TopicPartition, Long> ends) {}

  static Pending pending(KafkaConsumer<byte[], byte[]> consumer, String dlq, int keepLast) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : consumer.partitionsFor(dlq, Duration.ofSeconds(15))) {
      partitions.add(new TopicPartition(dlq, info.partition()));
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
    long total = 0;
    for (TopicPartition tp : partitions) {
      total += ends.get(tp) - begins.get(tp);
      OffsetAndMetadata done = committed.get(tp);
      long from = Math.max(begins.get(tp), done == null ? 0 : done.offset());
      if (keepLast > 0) {
        from = Math.max(from, ends.get(tp) - keepLast);
      }
      consumer.seek(tp, from);
    }
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!reachedEnds(consumer, partitions, ends) && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
          records.add(record);
        }
      }
    }
    return new Pending(records, total, ends);
  }

  static boolean reachedEnds(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> ends) {
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < ends.get(tp)) {
        return false;
      }
    }
    return true;
  }

  static void list(String bootstrap, Set<String> dlqs, int last) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      System.out.printf("%-36s %8s %12s%n", "dead-letter topic", "records", "not replayed");
      Map<String, Pending> shown = new java.util.LinkedHashMap<>();
      for (String dlq : dlqs) {
        Pending all = pending(consumer, dlq, 0);
        System.out.printf("%-36s %8d %12d%n", dlq, all.total(), all.records().size());
        if (!all.records().isEmpty()) {
          List<ConsumerRecord<byte[], byte[]>> records = all.records();
          shown.put(
              dlq,
              new Pending(
                  records.subList(Math.max(0, records.size() - last), records.size()),
                  all.total(),
                  all.ends()));
        }
      }
      for (var entry : shown.entrySet()) {
        System.out.printf("%n%s, the last %d not replayed:%n", entry.getKey(), entry.getValue().records().size());
        for (ConsumerRecord<byte[], byte[]> record : entry.getValue().records()) {
          System.out.printf(
              "  %s  p%d@%d  key=%s  from %s p%s@%s%n    reason: %s%n",
              Instant.ofEpochMilli(record.timestamp()),
              record.partition(),
              record.offset(),
              text(record.key()),
              header(record, "dead-letter-topic", originOf(record.topic())),
              header(record, "dead-letter-partition", "?"),
              header(record, "dead-letter-offset", "?"),
              header(record, "dead-letter-reason", "(none given)"));
        }
      }
    }
  }

  static void replay(String bootstrap, String dlq, boolean dryRun, int timeoutSeconds)
      throws Exception {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap);
        KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      Pending pending = pending(consumer, dlq, 0);
      if (pending.records().isEmpty()) {
        System.out.printf("%s: nothing to replay (%d record(s), all replayed)%n", dlq, pending.total());
        return;
      }
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      Map<String, Integer> perTarget = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> record : pending.records()) {
        String target = header(record, "dead-letter-topic", originOf(dlq));
        perTarget.merge(target, 1, Integer::sum);
        if (dryRun) {
          System.out.printf(
              "  would replay p%d@%d key=%s to %s (reason: %s)%n",
              record.partition(),
              record.offset(),
              text(record.key()),
              target,
              header(record, "dead-letter-reason", "(none given)"));
          continue;
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
          if (!h.key().startsWith(PREFIX)) {
            headers.add(h);
          }
        }
        headers.add(
            REPLAYED_FROM,
            (dlq + "/" + record.partition() + "/" + record.offset()).getBytes(StandardCharsets.UTF_8));
        sent.add(
            producer.send(
                new ProducerRecord<>(target, null, record.key(), record.value(), headers)));
      }
      if (dryRun) {
        System.out.printf("%s: %d record(s) would be replayed: %s (dry run, nothing sent)%n", dlq, pending.records().size(), perTarget);
        return;
      }
      producer.flush();
      for (Future<RecordMetadata> ack : sent) {
        ack.get(timeoutSeconds, TimeUnit.SECONDS);
      }
      // Only once Kafka holds every replayed record: a crash before this replays them again,
      // which the idempotent consumers absorb; never the other way round.
      Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
      pending.ends().forEach((tp, end) -> done.put(tp, new OffsetAndMetadata(end)));
      consumer.commitSync(done);
      System.out.printf("%s: replayed %d record(s): %s%n", dlq, sent.size(), perTarget);
    }
  }

  static String originOf(String dlq) {
    return dlq.substring(0, dlq.length() - SUFFIX.length());
  }

  static String header(ConsumerRecord<byte[], byte[]> record, String name, String fallback) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? fallback : new String(h.value(), StandardCharsets.UTF_8);
  }

  static String text(byte[] bytes) {
    return bytes == null ? "(none)" : new String(bytes, StandardCharsets.UTF_8);
  }

  static Properties adminProps(String bootstrap) {
    Properties props = clientProps(bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "switchboard-dlq");
    return props;
  }

  static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    Properties props = clientProps(bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "switchboard-dlq");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties props = clientProps(bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "switchboard-dlq-replay");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(props);
  }

  /** The clients' security settings (--command-config), shared by every client of this tool. */
  static final Properties CLIENT = new Properties();

  static void loadCommandConfig(String file) {
    try (java.io.Reader in =
        Files.newBufferedReader(Path.of(file), java.nio.charset.StandardCharsets.UTF_8)) {
      CLIENT.load(in);
    } catch (Exception e) {
      fail(2, "cannot read " + file + ": " + e);
    }
  }

  static Properties clientProps(String bootstrap) {
    Properties props = new Properties();
    props.putAll(CLIENT);
    props.put("bootstrap.servers", bootstrap);
    return props;
  }

  static String value(String[] args, int i) {
    if (i >= args.length) {
      fail(2, "missing value after " + args[i - 1]);
    }
    return args[i];
  }

  static int number(String value, String option) {
    try {
      int n = Integer.parseInt(value);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      fail(2, option + " needs a whole number, got " + value);
      return 0;
    }
  }

  static void fail(int code, String message) {
    System.err.println("dlq: " + message);
    System.exit(code);
  }
}
