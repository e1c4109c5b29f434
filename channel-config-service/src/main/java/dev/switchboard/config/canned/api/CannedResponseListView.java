package dev.switchboard.config.canned.api;

import dev.switchboard.config.canned.domain.CannedResponse;
import dev.switchboard.config.canned.store.CannedResponseListEntity;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A8: a canned-response list as the API shows it. */
public record CannedResponseListView(
    @Schema(readOnly = true) String id,
    String name,
    List<CannedResponse> items,
    @Schema(readOnly = true, description = "Bumped by every change; also the ETag") long version,
    @Schema(readOnly = true) Instant createdAt,
    @Schema(readOnly = true) Instant updatedAt) {

  public static CannedResponseListView of(CannedResponseListEntity list) {
    return new CannedResponseListView(
        list.id.toString(),
        list.name,
        list.itemList(),
        list.version,
        list.createdAt,
        list.updatedAt);
  }
}
