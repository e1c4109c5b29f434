package dev.switchboard.gateway.agentpush.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * A browser cannot set headers on a WebSocket, so on the agent socket's path only, a token given as
 * {@code ?access_token=} becomes the request's {@code Authorization: Bearer} header before
 * authentication reads it. An Authorization header, when sent, wins.
 */
@ApplicationScoped
public class AccessTokenQueryFilter {

  /** Before authentication (priority 200) and authorization; after CORS (300). */
  static final int PRIORITY = 250;

  void register(@Observes Filters filters) {
    filters.register(
        rc -> {
          if (AgentEventsSocket.PATH.equals(rc.normalizedPath())
              && rc.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            List<String> token = rc.queryParam("access_token");
            if (!token.isEmpty() && !token.get(0).isBlank()) {
              rc.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token.get(0));
            }
          }
          rc.next();
        },
        PRIORITY);
  }

  /**
   * A refused connection is answered here rather than by Quarkus' default error handler, which
   * would log the request URI — and with it the {@code access_token}.
   */
  void answerFailuresWithoutLoggingTheToken(@Observes Router router) {
    router
        .route(AgentEventsSocket.PATH)
        .order(Integer.MIN_VALUE)
        .failureHandler(
            rc -> {
              if (!rc.response().ended()) {
                boolean unauthenticated =
                    rc.failure() instanceof AuthenticationFailedException
                        || rc.failure() instanceof UnauthorizedException;
                if (unauthenticated) {
                  rc.response().putHeader("WWW-Authenticate", "Bearer").setStatusCode(401).end();
                } else {
                  rc.response().setStatusCode(rc.statusCode() > 0 ? rc.statusCode() : 500).end();
                }
              }
            });
  }
}
