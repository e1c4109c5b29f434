package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.TopicSpec.CleanupPolicy;
import dev.switchboard.events.common.ConnectorType;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void connectorChatKeyJoinsLowerCaseTypeAccountAndChat() {
    assertEquals(
        "telegram:bot-4242:552093841",
        Topics.connectorChatKey(ConnectorType.TELEGRAM, "bot-4242", "552093841"));
    assertEquals(
        "livechat:widget-1:visitor-9",
        Topics.connectorChatKey(ConnectorType.LIVECHAT, "widget-1", "visitor-9"));
  }

  @Test
  void connectorChatKeyNeedsAllThreeParts() {
    assertThrows(IllegalArgumentException.class, () -> Topics.connectorChatKey(null, "a", "c"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Topics.connectorChatKey(ConnectorType.CUSTOM, "", "c"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Topics.connectorChatKey(ConnectorType.CUSTOM, "a", null));
  }

  @Test
  void everyTopicHasADeadLetterTopicWithOnePartition() {
    assertEquals("oc.session.events.v1.dlq", Topics.dlq(Topics.SESSION_EVENTS));
    for (TopicSpec topic : Topics.mainTopics()) {
      TopicSpec dlq = Topics.spec(Topics.dlq(topic.name())).orElseThrow();
      assertEquals(1, dlq.partitions());
      assertEquals(CleanupPolicy.DELETE, dlq.cleanupPolicy());
      assertTrue(dlq.isDeadLetterTopic());
    }
    assertEquals(2 * Topics.mainTopics().size(), Topics.all().size());
    assertThrows(IllegalArgumentException.class, () -> Topics.dlq("oc.session.events.v1.dlq"));
  }

  @Test
  void configTopicsAreCompactedWithThreePartitionsAndTheOthersDeleteWithSix() {
    for (TopicSpec topic : Topics.mainTopics()) {
      if (topic.name().startsWith("oc.config.")) {
        assertEquals(CleanupPolicy.COMPACT, topic.cleanupPolicy(), topic.name());
        assertEquals(3, topic.partitions(), topic.name());
      } else {
        assertEquals(CleanupPolicy.DELETE, topic.cleanupPolicy(), topic.name());
        assertEquals(6, topic.partitions(), topic.name());
      }
    }
    assertEquals("compact", CleanupPolicy.COMPACT.kafkaValue());
  }

  @Test
  void topicNamesAreVersioned() {
    Topics.mainTopics()
        .forEach(t -> assertTrue(t.name().matches("^oc\\.[a-z.]+\\.v[0-9]+$"), t.name()));
  }
}
