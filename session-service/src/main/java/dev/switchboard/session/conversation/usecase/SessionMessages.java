package dev.switchboard.session.conversation.usecase;

import dev.switchboard.session.conversation.domain.Caller;
import dev.switchboard.session.conversation.domain.SessionIds;
import dev.switchboard.session.conversation.domain.SessionNotFound;
import dev.switchboard.session.conversation.store.MessageEntity;
import dev.switchboard.session.conversation.store.MessageRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/** A session's history, for someone who may read the session ({@link SessionGuard#readable}). */
@ApplicationScoped
public class SessionMessages {

  @Inject SessionGuard guard;
  @Inject MessageRepository messages;

  /** The messages in order, after the cursor's sequence. */
  public Uni<List<MessageEntity>> list(String sessionId, Caller caller, long afterSeq, int limit) {
    return Panache.withSession(
        () ->
            guard
                .readable(sessionId, caller)
                .flatMap(session -> messages.page(session.id, afterSeq, limit)));
  }

  /** One message; {@link SessionNotFound} when the session has no such message. */
  public Uni<MessageEntity> one(String sessionId, String messageId, Caller caller) {
    UUID id = SessionIds.parse(messageId);
    return Panache.withSession(
        () ->
            guard
                .readable(sessionId, caller)
                .flatMap(
                    session ->
                        id == null
                            ? Uni.createFrom().<MessageEntity>nullItem()
                            : messages.one(session.id, id))
                .map(
                    found -> {
                      if (found == null) {
                        throw new SessionNotFound("Message " + messageId);
                      }
                      return found;
                    }));
  }
}
