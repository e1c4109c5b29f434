package dev.switchboard.session.transcript.mail;

import dev.switchboard.session.conversation.domain.AccessDenied;
import dev.switchboard.session.conversation.domain.Caller;
import dev.switchboard.session.conversation.domain.SessionNotFound;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.conversation.usecase.SessionGuard;
import dev.switchboard.session.transcript.domain.EmailAddress;
import dev.switchboard.session.transcript.domain.TranscriptAccess;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * O4: a session's transcript is to go by e-mail. The request is stored ({@code transcript_request})
 * and {@link TranscriptSender} sends it; nothing is sent here, so the answer does not wait for the
 * mail server, and a mail server that is down delays the mail only.
 */
@ApplicationScoped
public class RequestTranscript {

  private static final Logger LOG = Logger.getLogger(RequestTranscript.class);

  @Inject SessionGuard guard;
  @Inject Clock clock;

  /**
   * A person's request through the sessions API: the caller must be able to read the session
   * ({@link SessionGuard#readable}, else {@link SessionNotFound}) and be its agent, a supervisor or
   * an administrator ({@link TranscriptAccess#mayRequest}, else {@link AccessDenied}).
   *
   * @param email an address {@link EmailAddress#parse} accepted
   */
  public Uni<TranscriptRequestEntity> byCaller(String sessionId, Caller caller, String email) {
    return Panache.withTransaction(
        () ->
            guard
                .readable(sessionId, caller)
                .flatMap(
                    session -> {
                      if (!TranscriptAccess.mayRequest(caller, session.assignedAgentId)) {
                        throw new AccessDenied(
                            "A session's transcript is sent by its agent, a supervisor or an"
                                + " administrator");
                      }
                      return queue(session, email, TranscriptAccess.requestedBy(caller));
                    }));
  }

  /**
   * Records the request in the caller's transaction; whoever asks was allowed to already.
   *
   * <p>TODO(issue 19): the live chat's client asks through the gateway's visitor API; that path
   * finds the visitor's own session and calls this with {@code
   * TranscriptAccess.requestedByClient(session.clientId)}.
   *
   * @param email an address {@link EmailAddress#parse} accepted
   * @param requestedBy who asked, as {@code transcript_request.requested_by} stores it
   */
  public Uni<TranscriptRequestEntity> queue(
      SessionEntity session, String email, String requestedBy) {
    if (EmailAddress.parse(email) == null) {
      throw new IllegalArgumentException("Not an e-mail address: " + email);
    }
    TranscriptRequestEntity request =
        TranscriptRequestEntity.of(session.id, email, requestedBy, clock.instant());
    return request
        .<TranscriptRequestEntity>persist()
        .invoke(
            stored ->
                LOG.infof(
                    "Transcript of session %s requested by %s (request %s)",
                    session.id, requestedBy, stored.id));
  }
}
