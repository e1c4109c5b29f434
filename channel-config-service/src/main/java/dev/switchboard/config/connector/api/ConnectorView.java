package dev.switchboard.config.connector.api;

import dev.switchboard.config.connector.store.ConnectorEntity;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A connector as the API shows it: never its secrets. */
public record ConnectorView(
    @Schema(readOnly = true) String id,
    @Schema(readOnly = true) String channelId,
    @Schema(description = "The connector kind, e.g. telegram") String type,
    @Schema(
            readOnly = true,
            description = "G3: the account (for Telegram the bot's id); one channel per account")
        String accountId,
    @Schema(
            readOnly = true,
            description =
                "Where the messenger must send its updates: <PUBLIC_BASE_URL>/webhooks/<type>/<id>")
        String webhookUrl,
    @Schema(readOnly = true, description = "Bumped by every change; also the ETag") long version,
    @Schema(readOnly = true) Instant createdAt) {

  static ConnectorView of(ConnectorEntity connector, String publicBaseUrl) {
    return new ConnectorView(
        connector.id.toString(),
        connector.channelId.toString(),
        connector.connectorType,
        connector.accountId,
        publicBaseUrl + "/webhooks/" + connector.connectorType + "/" + connector.id,
        connector.version,
        connector.createdAt);
  }
}
