package dev.switchboard.session.conversation.usecase;

import dev.switchboard.session.conversation.store.SessionDetails;
import dev.switchboard.session.conversation.store.SessionDetailsReader;
import dev.switchboard.session.conversation.store.SessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** A chatbot's list (B1, B2): the sessions it has now (state BOT), oldest first. */
@ApplicationScoped
public class BotSessionList {

  @Inject SessionRepository sessions;
  @Inject SessionDetailsReader details;

  /** After the cursor's sequence, at most {@code limit}. */
  public Uni<List<SessionDetails>> of(String botId, long afterSeq, int limit) {
    return Panache.withSession(() -> sessions.withBot(botId, afterSeq, limit).flatMap(details::of));
  }
}
