package dev.switchboard.config.queue.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code PUT /api/v1/channels/{id}/queue}: the whole queue. What {@code GET} answers is accepted
 * back: {@code version} must then be the current one (else 412, like {@code If-Match}) and {@code
 * agentIds} unchanged.
 */
public record QueueRequest(
    @Schema(
            required = true,
            description =
                "Q1: the queue's members in order: users and departments (a department stands for"
                    + " its agents); [] empties the queue")
        List<Member> members,
    @Schema(
            required = true,
            enumeration = {"EVENLY", "STRICT_ORDER", "ALL"},
            description =
                "Q2 EVENLY: to the least loaded agent; Q3 STRICT_ORDER: in queue order, passing on"
                    + " after the idle time; Q4 ALL: offered to every agent at once")
        String distributionMode,
    @Schema(readOnly = true, description = "The members expanded to agent ids")
        List<String> agentIds,
    @Schema(readOnly = true, description = "The channel's version") Long version) {

  /** One member: {@code {"type": "USER" | "DEPARTMENT", "id": "..."}}. */
  public record Member(
      @Schema(
              required = true,
              enumeration = {"USER", "DEPARTMENT"})
          String type,
      @Schema(required = true, description = "An agent id (USER) or a department id") String id) {}
}
