package dev.switchboard.session.transcript.mail;

import dev.switchboard.session.conversation.domain.AuthorType;
import dev.switchboard.session.conversation.store.ClientEntity;
import dev.switchboard.session.conversation.store.MessageEntity;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.directory.store.ChannelCopy;
import dev.switchboard.session.directory.store.DirectoryStore;
import dev.switchboard.session.transcript.domain.SendBackoff;
import dev.switchboard.session.transcript.domain.Transcript;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends the stored transcript requests (O4) over SMTP (Quarkus Mailer), oldest due first, from
 * every instance. A sender claims one due row ({@code FOR UPDATE SKIP LOCKED}: another instance
 * skips it) and, in the same transaction, moves its {@code next_attempt_at} past the send (the
 * lease), so no other sender takes it while it is being sent; it renders the transcript from the
 * session as it is then, sends it, and sets {@code sent_at}: a row with {@code sent_at} is never
 * sent again. A failed send is retried after {@link SendBackoff} for as long as the server fails;
 * an instance that stops mid-send leaves the row to be sent again once the lease ends (the only
 * case a mail may go twice).
 */
@ApplicationScoped
public class TranscriptSender {

  static final String METRIC = "switchboard.session.transcripts";

  private static final Logger LOG = Logger.getLogger(TranscriptSender.class);
  private static final int BATCH = 20;
  private static final int MAX_ERROR_LENGTH = 1000;

  @Inject ReactiveMailer mailer;
  @Inject DirectoryStore directory;
  @Inject Clock clock;
  @Inject MeterRegistry metrics;

  @ConfigProperty(name = "switchboard.transcripts.retry-initial")
  Duration retryInitial;

  @ConfigProperty(name = "switchboard.transcripts.retry-max")
  Duration retryMax;

  /** How long one send may take; the lease is twice this. */
  @ConfigProperty(name = "switchboard.transcripts.send-timeout")
  Duration sendTimeout;

  @ConfigProperty(name = "quarkus.mailer.host")
  String smtpHost;

  @ConfigProperty(name = "quarkus.mailer.port", defaultValue = "25")
  int smtpPort;

  /** One claimed request: where it goes and what it says. */
  record Claimed(UUID id, String email, int attempt, Transcript transcript) {}

  void announce(@Observes StartupEvent started) {
    LOG.infof(
        "Transcripts by e-mail (O4) are sent over SMTP to %s:%d (SMTP_HOST, SMTP_PORT); while no"
            + " server answers there, requests wait in transcript_request and are retried",
        smtpHost, smtpPort);
  }

  @Scheduled(
      every = "${switchboard.transcripts.poll-interval}",
      // Not before the start nor after the stop began (the pool closes under a late poll).
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> sendDue() {
    return sendNext(BATCH)
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf(failure, "Sending transcripts failed; the next poll retries");
              return null;
            });
  }

  /** Sends due requests one after the other, at most this many. */
  Uni<Void> sendNext(int left) {
    if (left == 0) {
      return Uni.createFrom().voidItem();
    }
    return claim()
        .flatMap(
            claimed ->
                claimed == null
                    ? Uni.createFrom().voidItem()
                    : send(claimed).chain(() -> sendNext(left - 1)));
  }

  /** The oldest due request, claimed and rendered; null when none is due. */
  Uni<Claimed> claim() {
    Instant now = clock.instant();
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .flatMap(
                    session ->
                        session
                            .createNativeQuery(
                                "SELECT * FROM transcript_request WHERE sent_at IS NULL"
                                    + " AND next_attempt_at <= :now ORDER BY next_attempt_at"
                                    + " LIMIT 1 FOR UPDATE SKIP LOCKED",
                                TranscriptRequestEntity.class)
                            .setParameter("now", now)
                            .getResultList())
                .flatMap(
                    found -> {
                      if (found.isEmpty()) {
                        return Uni.createFrom().nullItem();
                      }
                      TranscriptRequestEntity request = found.get(0);
                      request.attempts++;
                      request.nextAttemptAt = now.plus(sendTimeout.multipliedBy(2));
                      return render(request.sessionId)
                          .map(
                              transcript ->
                                  new Claimed(
                                      request.id, request.email, request.attempts, transcript));
                    }));
  }

  /** The session's transcript as it stands, in its channel's language and zone. */
  private Uni<Transcript> render(UUID sessionId) {
    return SessionEntity.<SessionEntity>findById(sessionId)
        .flatMap(
            session ->
                directory
                    // The channel the client wrote to, even after a transfer to another queue.
                    .channel(session.originChannelId)
                    .flatMap(
                        channel ->
                            ClientEntity.<ClientEntity>findById(session.clientId)
                                .flatMap(
                                    client ->
                                        MessageEntity.<MessageEntity>find(
                                                "sessionId = ?1 order by seq", session.id)
                                            .list()
                                            .map(
                                                messages ->
                                                    render(session, channel, client, messages)))));
  }

  private static Transcript render(
      SessionEntity session, ChannelCopy channel, ClientEntity client, List<MessageEntity> all) {
    String clientName = client == null ? null : client.displayName;
    List<Transcript.Line> lines =
        all.stream()
            .map(
                message ->
                    new Transcript.Line(
                        message.at,
                        message.authorType,
                        message.authorType == AuthorType.CLIENT && clientName != null
                            ? clientName
                            : message.authorName,
                        message.text))
            .toList();
    if (channel == null) {
      return Transcript.render(session.originChannelId, null, null, session.openedAt, lines);
    }
    var settings = channel.settings();
    return Transcript.render(
        channel.name,
        settings.other().language(),
        settings.workingTime().timeZone(),
        session.openedAt,
        lines);
  }

  private Uni<Void> send(Claimed claimed) {
    Transcript transcript = claimed.transcript();
    Mail mail = Mail.withText(claimed.email(), transcript.subject(), transcript.text());
    mail.setHtml(transcript.html());
    return mailer
        .send(mail)
        .ifNoItem()
        .after(sendTimeout)
        .failWith(
            () -> new IllegalStateException("No answer from the mail server in " + sendTimeout))
        .onItemOrFailure()
        .transformToUni(
            (sent, failure) -> failure == null ? sent(claimed) : failed(claimed, failure));
  }

  private Uni<Void> sent(Claimed claimed) {
    metrics.counter(METRIC, "outcome", "sent").increment();
    LOG.infof("Transcript request %s sent (attempt %d)", claimed.id(), claimed.attempt());
    return update(
        "UPDATE transcript_request SET sent_at = :now, last_error = NULL WHERE id = :id",
        claimed.id(),
        clock.instant(),
        null);
  }

  private Uni<Void> failed(Claimed claimed, Throwable failure) {
    metrics.counter(METRIC, "outcome", "failed").increment();
    Instant next =
        clock.instant().plus(new SendBackoff(retryInitial, retryMax).after(claimed.attempt()));
    String error = String.valueOf(failure.getMessage());
    if (error.length() > MAX_ERROR_LENGTH) {
      error = error.substring(0, MAX_ERROR_LENGTH);
    }
    LOG.warnf(
        "Transcript request %s not sent (attempt %d): %s; next attempt at %s",
        claimed.id(), claimed.attempt(), error, next);
    return update(
        "UPDATE transcript_request SET next_attempt_at = :now, last_error = :error"
            + " WHERE id = :id AND sent_at IS NULL",
        claimed.id(),
        next,
        error);
  }

  private static Uni<Void> update(String sql, UUID id, Instant now, String error) {
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .flatMap(
                        session -> {
                          var query =
                              session
                                  .createNativeQuery(sql)
                                  .setParameter("id", id)
                                  .setParameter("now", now);
                          if (error != null) {
                            query.setParameter("error", error);
                          }
                          return query.executeUpdate();
                        }))
        .replaceWithVoid();
  }
}
