package dev.switchboard.gateway.agentpush.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.EventJson;
import dev.switchboard.gateway.agentpush.api.AgentConnections;
import dev.switchboard.gateway.agentpush.domain.AgentFrame;
import dev.switchboard.gateway.agentpush.store.FrameLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Delivers a frame to an agent: first into the agent's replayable frame log (shared by every
 * instance, a frame kept once), then to the agent's sockets open on this instance.
 */
@ApplicationScoped
public class FramePusher {

  private static final Logger LOG = Logger.getLogger(FramePusher.class);
  private static final ObjectMapper JSON = EventJson.newObjectMapper();

  @Inject FrameLog frames;
  @Inject AgentConnections connections;

  public Uni<Void> push(String agentId, AgentFrame frame) {
    String json = write(frame);
    return frames
        .append(agentId, frame.at(), json)
        .invoke(
            () -> {
              connections.send(agentId, json);
              LOG.debugf(
                  "%s frame %s of session %s for agent %s",
                  frame.type(), frame.id(), frame.sessionId(), agentId);
            });
  }

  private static String write(AgentFrame frame) {
    try {
      return JSON.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write frame " + frame.id(), e);
    }
  }
}
