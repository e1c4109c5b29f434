package dev.switchboard.session.conversation.routing;

import dev.switchboard.session.conversation.domain.AccessDenied;
import dev.switchboard.session.conversation.domain.OfferNotTaken;
import dev.switchboard.session.conversation.domain.RoutingUnavailable;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Asks routing-service, the only arbiter of offers (docs/flows/offers-and-transfers.md), to let an
 * agent take a session offered to them: the same {@code POST /api/v1/sessions/{id}/accept} the
 * agent's own accept goes to, with the agent's own bearer token, so routing decides exactly as for
 * an accept. Used when a reply takes a STRICT_ORDER offer (Q3).
 */
@ApplicationScoped
public class RoutingOffers {

  private static final Logger LOG = Logger.getLogger(RoutingOffers.class);

  @Inject Vertx vertx;

  @ConfigProperty(name = "switchboard.routing-service-url")
  URI routingServiceUrl;

  @ConfigProperty(name = "switchboard.routing-service-connect-timeout")
  Duration connectTimeout;

  /** No byte from routing-service for this long: the accept counts as failed (503). */
  @ConfigProperty(name = "switchboard.routing-service-timeout")
  Duration timeout;

  private HttpClient client;

  @PostConstruct
  void start() {
    client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true));
  }

  /**
   * The offer id routing-service settled for this agent (the session is now theirs there).
   *
   * @param authorization the caller's {@code Authorization} header, forwarded as it is: routing
   *     takes the agent from the token's subject
   * @return fails with {@link OfferNotTaken} (routing's 409, with its reason), {@link AccessDenied}
   *     (routing refused the token) or {@link RoutingUnavailable} (no answer, or a 5xx)
   */
  public Uni<String> accept(String sessionId, String agentId, String authorization) {
    String uri = base() + "/api/v1/sessions/" + sessionId + "/accept";
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(uri)
            .setIdleTimeout(timeout.toMillis())
            .putHeader(HttpHeaders.ACCEPT, "application/json");
    if (authorization != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
    }
    // Hibernate Reactive carries on after the answer: back on the caller's Vert.x context.
    Context caller = Vertx.currentContext();
    Uni<Answer> answer =
        Uni.createFrom()
            .completionStage(
                () ->
                    client
                        .request(options)
                        .compose(request -> request.send())
                        .compose(
                            response ->
                                response
                                    .body()
                                    .map(body -> new Answer(response.statusCode(), body)))
                        .toCompletionStage());
    if (caller != null) {
      answer = answer.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
    return answer
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf(
                  "routing-service (%s) did not answer the accept of session %s: %s",
                  uri, sessionId, failure.toString());
              return new RoutingUnavailable("routing-service is unavailable; try again", failure);
            })
        .map(found -> settled(sessionId, agentId, found));
  }

  private static String settled(String sessionId, String agentId, Answer answer) {
    JsonObject body = answer.json();
    switch (answer.status()) {
      case 200 -> {
        String offerId = body == null ? null : body.getString("offerId");
        LOG.infof("routing-service gave session %s to %s (offer %s)", sessionId, agentId, offerId);
        return offerId;
      }
      case 409 -> {
        JsonObject state = body == null ? null : body.getJsonObject("currentState");
        String reason = state == null ? null : state.getString("reason");
        LOG.infof(
            "routing-service refused %s the offer of session %s: %s", agentId, sessionId, reason);
        throw new OfferNotTaken(sessionId, agentId, reason == null ? "NOT_OFFERED" : reason);
      }
      case 401, 403 ->
          throw new AccessDenied(
              "routing-service does not let you take the offer of session " + sessionId);
      default -> {
        LOG.warnf(
            "routing-service answered the accept of session %s with %d: %s",
            sessionId, answer.status(), answer.body());
        throw new RoutingUnavailable("routing-service is unavailable; try again", null);
      }
    }
  }

  private String base() {
    String url = routingServiceUrl.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** routing-service's status and body. */
  private record Answer(int status, Buffer body) {

    /** The body as a JSON object; null when it is not one. */
    JsonObject json() {
      try {
        return body == null || body.length() == 0 ? null : body.toJsonObject();
      } catch (DecodeException | ClassCastException e) {
        return null;
      }
    }
  }
}
