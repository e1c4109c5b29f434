package dev.switchboard.config.canned.api;

import dev.switchboard.config.canned.domain.CannedResponse;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST} and {@code PUT /api/v1/canned-response-lists[/{id}]}: the whole list. What {@code
 * GET} answers is accepted back ({@code id} the path's, {@code version} the current one).
 */
public record CannedResponseListRequest(
    @Schema(readOnly = true) String id,
    @Schema(required = true, maxLength = CannedResponseRules.NAME_MAX_LENGTH) String name,
    @Schema(
            description =
                "The responses, in order; shortcuts unique in the list (ignoring case); at most "
                    + CannedResponseRules.ITEMS_MAX)
        List<CannedResponse> items,
    @Schema(readOnly = true) Long version,
    @Schema(readOnly = true) Instant createdAt,
    @Schema(readOnly = true) Instant updatedAt) {}
