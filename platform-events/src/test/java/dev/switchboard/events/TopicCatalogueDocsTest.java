package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The topic catalogue in docs/ is what connector developers read: it must name every topic and
 * every event type.
 */
class TopicCatalogueDocsTest {

  @ParameterizedTest
  @ValueSource(strings = {"../docs/topics.md", "../docs/asyncapi.yaml"})
  void theCatalogueNamesEveryTopicAndEveryCloudEventsType(String document) throws IOException {
    String text = Files.readString(Path.of(document));

    for (TopicSpec topic : Topics.all()) {
      assertTrue(
          text.contains(topic.name()) || topic.isDeadLetterTopic() && text.contains(".dlq"),
          document + " misses " + topic.name());
    }
    for (EventType<?> type : EventRegistry.all()) {
      assertTrue(text.contains(type.ceType()), document + " misses " + type.ceType());
    }
  }
}
