package dev.switchboard.gateway.kafka;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.PlatformEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the gateway's events on their topics, keyed and with CloudEvents headers as
 * docs/topics.md says. The returned {@code Uni} completes only once Kafka acknowledged the record
 * ({@code acks=all}), so a caller answers its client after that and not before.
 */
@ApplicationScoped
public class EventPublisher {

  public static final String SOURCE = CloudEventHeaders.source("connector-gateway");

  @Inject
  @Channel("gateway-events")
  MutinyEmitter<byte[]> kafka;

  public Uni<Void> publish(PlatformEvent event) {
    RecordHeaders headers = new RecordHeaders();
    CloudEventHeaders.of(event, SOURCE)
        .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(EventRegistry.topicOf(event.getClass()))
            .withKey(event.partitionKey())
            .withHeaders(headers)
            .build();
    return kafka.sendMessage(Message.of(EventJson.write(event)).addMetadata(metadata));
  }
}
