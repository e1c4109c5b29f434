package dev.switchboard.events;

/**
 * One registered event: its record class, its CloudEvents {@code type} and the topic it travels on.
 *
 * @param ceType e.g. {@code dev.switchboard.session.SessionOpened.v1}
 */
public record EventType<T extends PlatformEvent>(Class<T> eventClass, String ceType, String topic) {

  public EventType {
    Checks.requireValue(eventClass, "eventClass");
    Checks.requireText(ceType, "ceType");
    Checks.requireText(topic, "topic");
  }
}
