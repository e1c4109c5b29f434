package dev.switchboard.session.history.api;

import dev.switchboard.platform.runtime.api.Page;
import dev.switchboard.platform.runtime.api.ProblemException;
import dev.switchboard.session.conversation.api.Cursors;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.history.store.ConversationFilter;
import dev.switchboard.session.history.store.ConversationQueries;
import dev.switchboard.session.history.store.ConversationRow;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** O3: the conversation list of supervisors and administrators, across every channel. */
@Path("/api/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "History")
public class ConversationResource {

  private static final String STATES =
      Arrays.stream(SessionState.values()).map(Enum::name).collect(Collectors.joining(", "));

  @Inject ConversationQueries conversations;

  @GET
  @RolesAllowed({"supervisor", "admin"})
  @Operation(
      summary =
          "O3: the sessions of every channel, newest first, for supervisors and administrators;"
              + " filters by channel, agent, state, opening period and the A3 unanswered mark."
              + " A session's messages are read with GET /api/v1/sessions/{id}/messages (with"
              + " saveHistory off they are deleted when the session closes: messageCount is then 0)")
  public Uni<Page<ConversationView>> list(
      @Parameter(description = "The channel the session is in now") @QueryParam("channelId")
          String channelId,
      @Parameter(description = "The agent who has the session, or had it when it closed")
          @QueryParam("agentId")
          String agentId,
      @Parameter(
              description =
                  "A session state: BOT, QUEUED, ASSIGNED, WAITING_CLIENT, ANSWERED,"
                      + " CLOSED_AWAITING_RATING or CLOSED")
          @QueryParam("state")
          String state,
      @Parameter(description = "Opened at or after this instant (ISO-8601)") @QueryParam("from")
          String from,
      @Parameter(description = "Opened before this instant (ISO-8601)") @QueryParam("to") String to,
      @Parameter(description = "A3: true = marked unanswered only, false = not marked only")
          @QueryParam("unanswered")
          String unanswered,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    Period period = Period.of(from, to);
    ConversationFilter filter =
        new ConversationFilter(
            Period.present(channelId),
            Period.present(agentId),
            state(state),
            period.from(),
            period.to(),
            flag(unanswered));
    int size = Page.limit(limit);
    long before = Cursors.after(cursor);
    return conversations.newestFirst(filter, before, size + 1).map(found -> page(found, size));
  }

  /** One page of views, and the cursor after its last row when one more row was found. */
  static Page<ConversationView> page(List<ConversationRow> found, int size) {
    boolean more = found.size() > size;
    List<ConversationRow> shown = more ? found.subList(0, size) : found;
    return new Page<>(
        shown.stream().map(ConversationView::of).toList(),
        Cursors.next(more, shown.isEmpty() ? null : shown.get(shown.size() - 1).seq()));
  }

  private static SessionState state(String value) {
    String name = Period.present(value);
    if (name == null) {
      return null;
    }
    try {
      return SessionState.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badField("state", "must be one of " + STATES);
    }
  }

  private static Boolean flag(String value) {
    String given = Period.present(value);
    if (given == null) {
      return null;
    }
    return switch (given) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ProblemException.badField("unanswered", "must be true or false");
    };
  }
}
