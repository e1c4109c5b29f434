package dev.switchboard.config.shared.api;

import dev.switchboard.platform.runtime.api.Problem;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 412 as problem+json, with the current version in the body and as the ETag. */
public class StaleVersionMapper {

  @ServerExceptionMapper
  public Response stale(StaleVersionException e) {
    Problem problem =
        Problem.of(412, "Precondition failed", e.getMessage())
            .withCurrentState(Map.of("version", e.currentVersion()));
    return Response.status(412)
        .type(Problem.MEDIA_TYPE)
        .tag(new EntityTag(Long.toString(e.currentVersion())))
        .entity(problem)
        .build();
  }
}
