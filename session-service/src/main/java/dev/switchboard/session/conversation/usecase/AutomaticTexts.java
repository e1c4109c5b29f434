package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.ReplyButton;
import dev.switchboard.session.conversation.domain.AuthorType;
import dev.switchboard.session.conversation.events.OutboundMessages;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.store.MessageEntity;
import dev.switchboard.session.conversation.store.MessageRepository;
import dev.switchboard.session.conversation.store.SessionEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends one of the platform's automatic texts to the client of a session, at most once per kind: a
 * SYSTEM message in the session's history (its {@code automatic_text} is the kind, unique per
 * session) and {@code OutboundMessageRequested} without a sender. A4's no-agent reply uses it; so
 * will the greeting, the off-hours text, the closing text, the timeout text, the consent request
 * and the rating request.
 */
@ApplicationScoped
public class AutomaticTexts {

  private static final Logger LOG = Logger.getLogger(AutomaticTexts.class);

  @Inject MessageRepository messages;
  @Inject SessionAnnouncements announcements;
  @Inject Clock clock;

  /**
   * Call in the caller's transaction, with the session locked (the check and the insert are then
   * one step); true when sent now, false when this kind went out before.
   *
   * @param kind which automatic text it is, e.g. {@link MessageEntity#NO_AGENT_AVAILABLE}
   * @param outboundKind how the connector is asked to deliver it, e.g. AUTOMATIC_TEXT
   */
  public Uni<Boolean> sendOnce(
      SessionEntity session, String kind, String text, OutboundMessageKind outboundKind) {
    return sendOnce(session, kind, text, outboundKind, List.of());
  }

  /** As {@link #sendOnce(SessionEntity, String, String, OutboundMessageKind)}, with buttons. */
  public Uni<Boolean> sendOnce(
      SessionEntity session,
      String kind,
      String text,
      OutboundMessageKind outboundKind,
      List<ReplyButton> buttons) {
    return messages
        .hasAutomaticText(session.id, kind)
        .flatMap(
            sent -> {
              if (sent) {
                LOG.debugf("Automatic text %s of session %s went out before", kind, session.id);
                return Uni.createFrom().item(false);
              }
              MessageEntity message =
                  MessageEntity.toClient(AuthorType.SYSTEM, null, null, text, clock.instant());
              message.automaticText = kind;
              return messages
                  .append(session, message)
                  .call(
                      () ->
                          announcements.request(
                              OutboundMessages.automaticText(
                                  session, message, outboundKind, buttons)))
                  .replaceWith(true);
            });
  }
}
