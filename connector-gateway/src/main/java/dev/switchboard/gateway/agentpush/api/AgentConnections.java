package dev.switchboard.gateway.agentpush.api;

import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** The agents' WebSockets open on this instance (an agent may have several: tabs, devices). */
@ApplicationScoped
public class AgentConnections {

  static final UserData.TypedKey<String> AGENT_ID = UserData.TypedKey.forString("agentId");

  private static final Logger LOG = Logger.getLogger(AgentConnections.class);

  private final Map<String, Set<WebSocketConnection>> byAgent = new ConcurrentHashMap<>();

  void add(String agentId, WebSocketConnection connection) {
    connection.userData().put(AGENT_ID, agentId);
    byAgent.computeIfAbsent(agentId, id -> ConcurrentHashMap.newKeySet()).add(connection);
  }

  /** Forgets the connection; answers its agent, or null when it was not an agent's. */
  String remove(WebSocketConnection connection) {
    String agentId = connection.userData().get(AGENT_ID);
    if (agentId == null) {
      return null;
    }
    byAgent.computeIfPresent(
        agentId,
        (id, connections) -> {
          connections.remove(connection);
          return connections.isEmpty() ? null : connections;
        });
    return agentId;
  }

  /** Sends the frame to every open socket of the agent on this instance; does not wait. */
  public void send(String agentId, String frame) {
    Set<WebSocketConnection> connections = byAgent.get(agentId);
    if (connections == null) {
      return;
    }
    for (WebSocketConnection connection : connections) {
      if (connection.isOpen()) {
        connection
            .sendText(frame)
            .subscribe()
            .with(
                sent -> {},
                failure ->
                    LOG.debugf(
                        "A frame to agent %s was not sent on connection %s: %s",
                        agentId, connection.id(), failure.getMessage()));
      }
    }
  }
}
