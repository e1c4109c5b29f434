package dev.switchboard.session.erasure.api;

import dev.switchboard.session.erasure.domain.ClientErasure;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an erasure: the same for the first call and every repeat. */
public record ClientErasureView(
    String clientId,
    @Schema(description = "When the client was erased (the first call's time on a repeat)")
        Instant erasedAt,
    @Schema(description = "The client's sessions, kept anonymised for the statistics")
        int sessions) {

  static ClientErasureView of(ClientErasure erasure) {
    return new ClientErasureView(
        erasure.clientId().toString(), erasure.erasedAt(), erasure.sessions());
  }
}
