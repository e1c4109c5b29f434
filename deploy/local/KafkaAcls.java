/*
 * Applies the platform's Kafka ACLs (deploy/local/acls.conf) and, optionally, the SCRAM credentials
 * of its principals, idempotently. JDK + kafka-clients only. Run it as a super user of the broker.
 *
 *   java -cp '.switchboard/kafka/libs/*' deploy/local/KafkaAcls.java --bootstrap HOST:PORT \
 *        [--command-config admin.properties] [--file deploy/local/acls.conf] [--users users.txt] [--list]
 *
 * --command-config  the admin client's settings (security.protocol, sasl.*, ssl.*), as Kafka's CLI tools take them
 * --users FILE      "<user> <password>" per line: creates or replaces each user's SCRAM-SHA-512 credential
 *                   (only on a broker that keeps SCRAM credentials itself, e.g. KRaft); '#' starts a comment
 * --list            also print every ACL the broker holds
 *
 * acls.conf: "<user> read|write|group <name>[*]" per line (see the file). ACLs are only added: one
 * removed from the file stays on the broker until deleted (kafka-acls --remove, or Admin#deleteAcls).
 *
 * Exit codes: 0 ok, 1 broker not reachable, 2 bad arguments or files, 3 other error (e.g. not authorized).
 */

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

public class KafkaAcls {

  /** SCRAM's iteration count: the minimum Kafka accepts for SHA-512 is 4096. */
  static final int SCRAM_ITERATIONS = 8192;

  public static void main(String[] args) {
    String bootstrap = "localhost:9092";
    String file = "deploy/local/acls.conf";
    String commandConfig = null;
    String users = null;
    boolean list = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--bootstrap" -> bootstrap = value(args, ++i);
        case "--file" -> file = value(args, ++i);
        case "--command-config" -> commandConfig = value(args, ++i);
        case "--users" -> users = value(args, ++i);
        case "--list" -> list = true;
        default -> fail(2, "unknown argument: " + args[i]);
      }
    }
    List<AclBinding> bindings = readAcls(Path.of(file));
    Properties props = new Properties();
    if (commandConfig != null) {
      try (Reader in = Files.newBufferedReader(Path.of(commandConfig), StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (Exception e) {
        fail(2, "cannot read " + commandConfig + ": " + e);
      }
    }
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "switchboard-acls");
    try (Admin admin = Admin.create(props)) {
      try {
        admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        fail(1, "Kafka at " + bootstrap + " did not answer: " + rootCause(e));
      }
      if (users != null) {
        upsertUsers(admin, Path.of(users));
      }
      admin.createAcls(bindings).all().get();
      System.out.printf("acls: %d from %s applied%n", bindings.size(), file);
      if (list) {
        for (AclBinding binding : admin.describeAcls(AclBindingFilter.ANY).values().get()) {
          System.out.println("  " + describe(binding));
        }
      }
    } catch (ExecutionException e) {
      fail(3, "Kafka error: " + e.getCause());
    } catch (Exception e) {
      fail(3, "error: " + e);
    }
  }

  static List<AclBinding> readAcls(Path file) {
    List<AclBinding> bindings = new ArrayList<>();
    int lineNo = 0;
    for (String line : lines(file)) {
      lineNo++;
      String[] parts = line.split("\\s+");
      if (parts.length != 3) {
        fail(2, file + ":" + lineNo + ": expected '<user> read|write|group <name>', got: " + line);
      }
      String principal = "User:" + parts[0];
      String name = parts[2];
      PatternType pattern = name.endsWith("*") ? PatternType.PREFIXED : PatternType.LITERAL;
      String resource = name.endsWith("*") ? name.substring(0, name.length() - 1) : name;
      switch (parts[1]) {
        case "read" -> {
          bindings.add(allow(ResourceType.TOPIC, resource, pattern, principal, AclOperation.READ));
          bindings.add(
              allow(ResourceType.TOPIC, resource, pattern, principal, AclOperation.DESCRIBE));
        }
        case "write" -> {
          bindings.add(allow(ResourceType.TOPIC, resource, pattern, principal, AclOperation.WRITE));
          bindings.add(
              allow(ResourceType.TOPIC, resource, pattern, principal, AclOperation.DESCRIBE));
        }
        case "group" ->
            bindings.add(allow(ResourceType.GROUP, resource, pattern, principal, AclOperation.READ));
        default -> fail(2, file + ":" + lineNo + ": unknown grant '" + parts[1] + "'");
      }
    }
    return bindings;
  }

  static AclBinding allow(
      ResourceType type, String name, PatternType pattern, String principal, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }

  static void upsertUsers(Admin admin, Path file) throws Exception {
    List<UserScramCredentialAlteration> alterations = new ArrayList<>();
    for (String line : lines(file)) {
      String[] parts = line.split("\\s+", 2);
      if (parts.length != 2) {
        fail(2, file + ": expected '<user> <password>' on each line");
      }
      alterations.add(
          new UserScramCredentialUpsertion(
              parts[0],
              new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
              parts[1]));
    }
    admin.alterUserScramCredentials(alterations).all().get();
    System.out.printf("users: %d SCRAM-SHA-512 credentials set%n", alterations.size());
  }

  /** The file's lines without comments and blank lines. */
  static List<String> lines(Path file) {
    try {
      List<String> lines = new ArrayList<>();
      for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int hash = raw.indexOf('#');
        String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
      return lines;
    } catch (Exception e) {
      fail(2, "cannot read " + file + ": " + e);
      return List.of();
    }
  }

  static String describe(AclBinding binding) {
    ResourcePattern resource = binding.pattern();
    AccessControlEntry entry = binding.entry();
    return String.format(
        "%-26s %-6s %-8s %-9s %s",
        entry.principal(),
        entry.permissionType(),
        entry.operation(),
        resource.resourceType(),
        resource.name() + (resource.patternType() == PatternType.PREFIXED ? "*" : ""));
  }

  static String rootCause(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.toString();
  }

  static String value(String[] args, int i) {
    if (i >= args.length) {
      fail(2, "missing value after " + args[i - 1]);
    }
    return args[i];
  }

  static void fail(int code, String message) {
    System.err.println("KafkaAcls: " + message);
    System.exit(code);
  }
}
