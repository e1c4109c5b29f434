package dev.switchboard.events;

/**
 * How a topic is created: what {@code deploy/} and the test kit need to create it, and what the
 * topic catalogue ({@code docs/topics.md}) documents.
 *
 * @param name the topic name
 * @param partitions how many partitions it is created with
 * @param cleanupPolicy {@code delete} for event streams, {@code compact} for latest-state topics
 * @param keyRule what the record key is, in words
 */
public record TopicSpec(String name, int partitions, CleanupPolicy cleanupPolicy, String keyRule) {

  public enum CleanupPolicy {
    DELETE,
    COMPACT;

    /** The value of Kafka's {@code cleanup.policy} topic setting. */
    public String kafkaValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean isDeadLetterTopic() {
    return name.endsWith(Topics.DLQ_SUFFIX);
  }
}
