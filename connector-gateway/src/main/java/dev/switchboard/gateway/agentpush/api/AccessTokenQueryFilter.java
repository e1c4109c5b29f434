package dev.switchboard.gateway.agentpush.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
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
}
