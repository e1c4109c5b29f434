package dev.switchboard.gateway.agentpush.api;

import dev.switchboard.gateway.agentpush.store.FrameLog;
import dev.switchboard.gateway.presence.messaging.SocketPresence;
import dev.switchboard.gateway.security.AgentIds;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * The agent's push channel (API.md): frames {@code {"id","type","at","sessionId","data"}} about the
 * sessions assigned to the caller. The upgrade needs a bearer token, in the Authorization header
 * or, from a browser, as {@code ?access_token=} ({@link AccessTokenQueryFilter}). {@code
 * ?after=<id>} first resends the frames kept since that one; a frame may then arrive twice, and the
 * client ignores an id it has seen. The agent's first socket and the close of their last one are
 * presence changes ({@link SocketPresence}).
 *
 * <p>Only the {@code agent} role may open it (others: 403 at the upgrade): an open socket says its
 * user is ONLINE and may be given sessions, which a supervisor watching, an administrator or a bot
 * is not. They read sessions through the REST API instead.
 */
@WebSocket(path = AgentEventsSocket.PATH)
@RolesAllowed("agent")
public class AgentEventsSocket {

  public static final String PATH = "/api/v1/agent/events";

  private static final Logger LOG = Logger.getLogger(AgentEventsSocket.class);

  @Inject SecurityIdentity identity;
  @Inject AgentConnections connections;
  @Inject FrameLog frames;
  @Inject SocketPresence presence;

  @OnOpen
  public Uni<Void> onOpen(WebSocketConnection connection) {
    String agentId = AgentIds.of(identity);
    connections.add(agentId, connection);
    LOG.debugf("Agent %s connected (%s)", agentId, connection.id());
    presence
        .opened(agentId, connection.id())
        .subscribe()
        .with(
            done -> {},
            failure ->
                LOG.warnf(
                    "The presence of agent %s was not updated on connect: %s",
                    agentId, failure.getMessage()));
    String after = queryParameter(connection.handshakeRequest().query(), "after");
    if (after == null) {
      return Uni.createFrom().voidItem();
    }
    return frames
        .after(agentId, after)
        .onItem()
        .transformToMulti(missed -> Multi.createFrom().iterable(missed))
        .onItem()
        .transformToUniAndConcatenate(connection::sendText)
        .collect()
        .last()
        .replaceWithVoid();
  }

  @OnClose
  public void onClose(WebSocketConnection connection) {
    String agentId = connections.remove(connection);
    if (agentId == null) {
      return;
    }
    presence
        .closed(agentId, connection.id())
        .subscribe()
        .with(
            done -> {},
            failure ->
                LOG.warnf(
                    "The presence of agent %s was not updated on disconnect: %s",
                    agentId, failure.getMessage()));
  }

  static String queryParameter(String query, String name) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (name.equals(URLDecoder.decode(key, StandardCharsets.UTF_8))) {
        String value =
            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        return value.isBlank() ? null : value;
      }
    }
    return null;
  }
}
