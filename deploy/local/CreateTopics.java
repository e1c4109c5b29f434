/*
 * Creates the platform's Kafka topics, idempotently. JDK + kafka-clients only.
 *
 *   java -cp '.switchboard/kafka/libs/*' deploy/local/CreateTopics.java \
 *        --bootstrap localhost:9092 --file deploy/local/topics.conf [--timeout 60] [--describe] [--smoke]
 *
 * topics.conf: one topic per line, "name partitions cleanup.policy [key=value ...]"; '#' starts a comment.
 * A topic that exists keeps its partitions and cleanup.policy: with fewer partitions than asked, or
 * another cleanup.policy, a note is printed (partitions are never changed here: that would move keys
 * between partitions). Its other settings (retention.ms, min.insync.replicas) are set to the file's.
 *
 * --describe  also print a table of the configured topics as the broker has them
 * --smoke     also produce one record to a scratch topic, read it back, and delete the topic
 * --command-config FILE  the clients' security settings (security.protocol, sasl.*, ssl.*), as
 *             Kafka's own tools take them; ./switchboard writes it from KAFKA_SECURITY_PROTOCOL etc.
 *
 * Exit codes: 0 ok, 1 broker not reachable within --timeout, 2 bad arguments or topics.conf, 3 other error.
 */

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class CreateTopics {

  record TopicSpec(
      String name, int partitions, String cleanupPolicy, Map<String, String> configs) {}

  public static void main(String[] args) {
    String bootstrap = "localhost:9092";
    String file = "deploy/local/topics.conf";
    int timeoutSeconds = 60;
    boolean describe = false;
    boolean smoke = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--bootstrap" -> bootstrap = value(args, ++i);
        case "--command-config" -> loadCommandConfig(value(args, ++i));
        case "--file" -> file = value(args, ++i);
        case "--timeout" -> timeoutSeconds = Integer.parseInt(value(args, ++i));
        case "--describe" -> describe = true;
        case "--smoke" -> smoke = true;
        default -> fail(2, "unknown argument: " + args[i]);
      }
    }

    List<TopicSpec> specs = readSpecs(Path.of(file));

    Properties props = clientProps(bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "switchboard-create-topics");
    try (Admin admin = Admin.create(props)) {
      waitForBroker(admin, bootstrap, timeoutSeconds);
      ensureTopics(admin, specs);
      if (describe) {
        describe(admin, specs);
      }
      if (smoke) {
        smoke(admin, bootstrap);
      }
    } catch (ExecutionException e) {
      fail(3, "Kafka error: " + e.getCause());
    } catch (Exception e) {
      fail(3, "error: " + e);
    }
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

  static void fail(int code, String message) {
    System.err.println("CreateTopics: " + message);
    System.exit(code);
  }

  static List<TopicSpec> readSpecs(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (Exception e) {
      fail(2, "cannot read " + file + ": " + e);
      return List.of();
    }
    List<TopicSpec> specs = new ArrayList<>();
    int lineNo = 0;
    for (String raw : lines) {
      lineNo++;
      String line = raw.replaceAll("#.*$", "").trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length < 3) {
        fail(
            2, file + ":" + lineNo + ": expected 'name partitions cleanup.policy [key=value ...]'");
      }
      int partitions = 0;
      try {
        partitions = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        fail(2, file + ":" + lineNo + ": partitions must be a number: " + parts[1]);
      }
      if (partitions < 1) {
        fail(2, file + ":" + lineNo + ": partitions must be at least 1");
      }
      String policy = parts[2];
      if (!Set.of("delete", "compact", "compact,delete", "delete,compact").contains(policy)) {
        fail(2, file + ":" + lineNo + ": cleanup.policy must be delete, compact or compact,delete");
      }
      Map<String, String> configs = new LinkedHashMap<>();
      configs.put("cleanup.policy", policy);
      for (int i = 3; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        if (eq <= 0) {
          fail(2, file + ":" + lineNo + ": expected key=value, got " + parts[i]);
        }
        configs.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
      }
      specs.add(new TopicSpec(parts[0], partitions, policy, configs));
    }
    return specs;
  }

  static void waitForBroker(Admin admin, String bootstrap, int timeoutSeconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        int nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        if (nodes > 0) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(500);
    }
    fail(
        1,
        "no Kafka broker answered at "
            + bootstrap
            + " within "
            + timeoutSeconds
            + " s"
            + (last == null ? "" : " (" + last + ")"));
  }

  static void ensureTopics(Admin admin, List<TopicSpec> specs) throws Exception {
    Set<String> existing = admin.listTopics().names().get();
    List<NewTopic> toCreate = new ArrayList<>();
    List<TopicSpec> present = new ArrayList<>();
    for (TopicSpec spec : specs) {
      if (existing.contains(spec.name())) {
        present.add(spec);
      } else {
        // replication factor: the broker's default (1 on the local single-node broker)
        toCreate.add(
            new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
                .configs(spec.configs()));
      }
    }

    int created = 0;
    if (!toCreate.isEmpty()) {
      CreateTopicsResult result = admin.createTopics(toCreate);
      for (NewTopic topic : toCreate) {
        try {
          result.values().get(topic.name()).get();
          created++;
          TopicSpec spec = find(specs, topic.name());
          System.out.printf(
              "  created %-32s %2d partition(s), %s%n",
              topic.name(), spec.partitions(), spec.cleanupPolicy());
        } catch (ExecutionException ex) {
          if (ex.getCause() instanceof TopicExistsException) {
            present.add(find(specs, topic.name())); // created meanwhile by someone else
          } else {
            throw ex;
          }
        }
      }
    }

    int notes = 0;
    if (!present.isEmpty()) {
      Map<String, TopicDescription> descriptions = describeTopics(admin, names(present));
      Map<String, String> policies = cleanupPolicies(admin, names(present));
      for (TopicSpec spec : present) {
        int actual = descriptions.get(spec.name()).partitions().size();
        if (actual < spec.partitions()) {
          notes++;
          System.out.printf(
              "  note: %s exists with %d partition(s), fewer than the %d in topics.conf; left as it"
                  + " is (delete the topic, or .switchboard/kafka/data, to recreate it)%n",
              spec.name(), actual, spec.partitions());
        }
        String policy = policies.get(spec.name());
        if (policy != null && !normalise(policy).equals(normalise(spec.cleanupPolicy()))) {
          notes++;
          System.out.printf(
              "  note: %s exists with cleanup.policy=%s, topics.conf says %s; left as it is%n",
              spec.name(), policy, spec.cleanupPolicy());
        }
      }
    }
    int aligned = present.isEmpty() ? 0 : alignSettings(admin, present);
    System.out.printf(
        "  topics: %d in topics.conf, %d created, %d already present%s%s%n",
        specs.size(),
        created,
        present.size(),
        aligned == 0 ? "" : ", settings changed on " + aligned,
        notes == 0 ? "" : ", " + notes + " note(s)");
  }

  /**
   * Settings other than partitions and cleanup.policy (retention, min.insync.replicas) are safe to
   * change on a live topic: an existing topic gets those of topics.conf, so a platform created
   * before a setting was added gets it too. Returns how many topics were changed.
   */
  static int alignSettings(Admin admin, List<TopicSpec> present) throws Exception {
    List<ConfigResource> resources =
        present.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
    Map<ConfigResource, Config> actual = admin.describeConfigs(resources).all().get();
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
    for (TopicSpec spec : present) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
      List<AlterConfigOp> ops = new ArrayList<>();
      spec.configs()
          .forEach(
              (key, value) -> {
                ConfigEntry entry = actual.get(resource).get(key);
                if (!"cleanup.policy".equals(key)
                    && (entry == null || !value.equals(entry.value()))) {
                  ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                  System.out.printf(
                      "  set %s=%s on %s (was %s)%n",
                      key, value, spec.name(), entry == null ? "unset" : entry.value());
                }
              });
      if (!ops.isEmpty()) {
        changes.put(resource, ops);
      }
    }
    if (!changes.isEmpty()) {
      admin.incrementalAlterConfigs(changes).all().get();
    }
    return changes.size();
  }

  static String normalise(String policy) {
    return String.join(",", new java.util.TreeSet<>(List.of(policy.replace(" ", "").split(","))));
  }

  static TopicSpec find(List<TopicSpec> specs, String name) {
    return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  static List<String> names(List<TopicSpec> specs) {
    return specs.stream().map(TopicSpec::name).toList();
  }

  static Map<String, TopicDescription> describeTopics(Admin admin, Collection<String> names)
      throws Exception {
    return admin.describeTopics(names).allTopicNames().get();
  }

  static Map<String, String> cleanupPolicies(Admin admin, Collection<String> names)
      throws Exception {
    List<ConfigResource> resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
    Map<String, String> result = new LinkedHashMap<>();
    configs.forEach(
        (resource, config) -> {
          ConfigEntry entry = config.get("cleanup.policy");
          result.put(resource.name(), entry == null ? null : entry.value());
        });
    return result;
  }

  static void describe(Admin admin, List<TopicSpec> specs) throws Exception {
    Set<String> existing = admin.listTopics().names().get();
    List<String> names = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
    Map<String, TopicDescription> descriptions = describeTopics(admin, names);
    Map<String, String> policies = cleanupPolicies(admin, names);
    System.out.printf("%-34s %10s %-16s %s%n", "TOPIC", "PARTITIONS", "CLEANUP.POLICY", "REPLICAS");
    for (TopicSpec spec : specs) {
      TopicDescription d = descriptions.get(spec.name());
      if (d == null) {
        System.out.printf("%-34s %10s %-16s%n", spec.name(), "missing", "-");
        continue;
      }
      System.out.printf(
          "%-34s %10d %-16s %d%n",
          spec.name(),
          d.partitions().size(),
          policies.get(spec.name()),
          d.partitions().get(0).replicas().size());
    }
  }

  static void smoke(Admin admin, String bootstrap) throws Exception {
    String topic = "switchboard.smoke." + UUID.randomUUID();
    admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
    try {
      String payload = "hello " + System.currentTimeMillis();
      Properties pp = clientProps(bootstrap);
      pp.put(ProducerConfig.ACKS_CONFIG, "all");
      pp.put(ProducerConfig.LINGER_MS_CONFIG, "0");
      pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      long start = System.nanoTime();
      RecordMetadata meta;
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp)) {
        meta = producer.send(new ProducerRecord<>(topic, "k", payload)).get(15, TimeUnit.SECONDS);
      }
      Properties cp = clientProps(bootstrap);
      cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      boolean found = false;
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp)) {
        TopicPartition tp = new TopicPartition(topic, meta.partition());
        consumer.assign(List.of(tp));
        consumer.seek(tp, meta.offset());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!found && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
            if (payload.equals(r.value())) {
              found = true;
            }
          }
        }
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (!found) {
        fail(3, "smoke test: produced a record to " + topic + " but could not read it back");
      }
      System.out.println("  smoke test: produced and consumed one record in " + ms + " ms");
    } finally {
      admin.deleteTopics(List.of(topic)).all().get();
    }
  }
}
