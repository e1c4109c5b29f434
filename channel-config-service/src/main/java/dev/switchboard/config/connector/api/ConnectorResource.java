package dev.switchboard.config.connector.api;

import dev.switchboard.config.channel.store.ChannelStore;
import dev.switchboard.config.connector.domain.TelegramCredentials;
import dev.switchboard.config.connector.store.ConnectorEntity;
import dev.switchboard.config.connector.store.ConnectorStore;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.platform.runtime.api.Page;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The connectors of a channel (G3): which messenger accounts deliver into it. Registrations go out
 * on oc.config.connectors.v1 for the gateway; their secrets are sealed and never answered.
 */
@Path("/api/v1/channels/{id}/connectors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Connectors")
public class ConnectorResource {

  @Inject ConnectorStore connectors;
  @Inject ChannelStore channels;

  /** G4: the webhooks of every connector are under it. */
  @ConfigProperty(name = "switchboard.public-base-url")
  String publicBaseUrl;

  @POST
  @RolesAllowed("admin")
  @Operation(
      summary =
          "Attach a Telegram bot to the channel; 409 if it is attached to a channel already (G3)")
  public Uni<Response> create(
      @PathParam("id") String id, CreateConnectorRequest request, @Context UriInfo uri) {
    TelegramCredentials credentials = ConnectorRules.telegram(request);
    UUID channelId = parseChannelId(id);
    return connectors
        .attachTelegram(channelId, credentials)
        .map(
            connector ->
                Response.created(uri.getAbsolutePathBuilder().path(connector.id.toString()).build())
                    .tag(etag(connector))
                    .entity(view(connector))
                    .build());
  }

  @GET
  @RolesAllowed({"admin", "supervisor"})
  @Operation(summary = "The channel's connectors, a page at a time, in id order")
  public Uni<Page<ConnectorView>> list(
      @PathParam("id") String id,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int size = Page.limit(limit);
    UUID after = cursor == null ? null : parseCursor(cursor);
    UUID channelId = parseChannelId(id);
    return channels
        .find(channelId)
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("Channel " + id)))
        .flatMap(channel -> connectors.page(channelId, after, size + 1))
        .map(
            found -> {
              List<ConnectorView> items = found.stream().limit(size).map(this::view).toList();
              String next = found.size() > size ? items.get(items.size() - 1).id() : null;
              return new Page<>(items, next);
            });
  }

  @GET
  @Path("{connectorId}")
  @RolesAllowed({"admin", "supervisor"})
  @Operation(summary = "One connector of the channel")
  public Uni<Response> get(
      @PathParam("id") String id, @PathParam("connectorId") String connectorId) {
    return connectors
        .find(parseChannelId(id), parseConnectorId(connectorId))
        .map(
            found -> found.orElseThrow(() -> ProblemException.notFound("Connector " + connectorId)))
        .map(connector -> Response.ok(view(connector)).tag(etag(connector)).build());
  }

  @DELETE
  @Path("{connectorId}")
  @RolesAllowed("admin")
  @Operation(
      summary =
          "Detach a connector from the channel (announced with deleted: true); If-Match is"
              + " honoured (412)")
  public Uni<Response> delete(
      @PathParam("id") String id,
      @PathParam("connectorId") String connectorId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    IfMatch precondition = IfMatch.parse(ifMatch);
    return connectors
        .detach(parseChannelId(id), parseConnectorId(connectorId), precondition)
        .replaceWith(() -> Response.noContent().build());
  }

  private ConnectorView view(ConnectorEntity connector) {
    return ConnectorView.of(connector, baseUrl());
  }

  private String baseUrl() {
    String base = publicBaseUrl.strip();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private static EntityTag etag(ConnectorEntity connector) {
    return new EntityTag(Long.toString(connector.version));
  }

  private static UUID parseChannelId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("Channel " + id);
    }
  }

  private static UUID parseConnectorId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("Connector " + id);
    }
  }

  private static UUID parseCursor(String cursor) {
    try {
      return UUID.fromString(cursor);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badField("cursor", "is not a cursor this API gave out");
    }
  }
}
