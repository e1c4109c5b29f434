package dev.switchboard.events.common;

import dev.switchboard.events.Checks;

/**
 * Who the client is, as the connector knows them. Only {@code externalUserId} is required;
 * everything else is what the messenger or the widget's contact form (A2) revealed.
 *
 * @param externalUserId the client's id in the connector (a Telegram user id, a widget visitor id,
 *     ...)
 * @param locale a BCP 47 language tag, e.g. {@code es-AR}
 * @param phone preferably E.164, e.g. {@code +5491122334455}
 */
public record ClientIdentity(
    String externalUserId,
    String displayName,
    String firstName,
    String lastName,
    String username,
    String avatarUrl,
    String email,
    String phone,
    String locale) {

  public ClientIdentity {
    Checks.requireText(externalUserId, "client.externalUserId");
  }

  /** A client about whom only the connector's user id is known. */
  public static ClientIdentity anonymous(String externalUserId) {
    return new ClientIdentity(externalUserId, null, null, null, null, null, null, null, null);
  }

  /**
   * Whether the client left a way to be contacted outside the chat (Q12: a website visitor needs
   * one for a lead).
   */
  public boolean hasContactDetails() {
    return (email != null && !email.isBlank()) || (phone != null && !phone.isBlank());
  }
}
