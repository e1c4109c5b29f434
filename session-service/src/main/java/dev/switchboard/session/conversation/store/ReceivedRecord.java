package dev.switchboard.session.conversation.store;

import java.util.Map;

/**
 * A Kafka record as it was read, kept so that it can be parked, replayed and dead-lettered
 * unchanged.
 */
public record ReceivedRecord(
    String topic,
    int partition,
    long offset,
    String key,
    Map<String, String> headers,
    String payload) {}
