package dev.switchboard.session.history.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The conversation lists of supervisors and administrators (O3): one query per page, each row with
 * its channel's name, client, newest message, message count and rating. Paged by {@code
 * session.seq}: the list newest first, a client's log oldest first; the indexes of V13 serve the
 * channel, agent and client filters in that order.
 */
@ApplicationScoped
public class ConversationQueries {

  private static final String COLUMNS =
      "SELECT s.id, s.seq, s.channel_id, cc.name, s.state, s.client_id, c.display_name,"
          + " s.connector_type, s.assigned_agent_id, s.bot_id, s.opened_at, s.closed_at,"
          + " (SELECT count(*) FROM message m WHERE m.session_id = s.id),"
          + " lm.id, lm.text, lm.author_type, lm.at, s.unanswered_since, r.score"
          + " FROM session s"
          + " JOIN client c ON c.id = s.client_id"
          + " LEFT JOIN channel_copy cc ON cc.channel_id = s.channel_id"
          + " LEFT JOIN message lm ON lm.id = s.last_message_id"
          + " LEFT JOIN rating r ON r.session_id = s.id";

  @Inject Pool pool;

  /** The sessions matching the filter, newest first, before the cursor's {@code seq} (0: none). */
  public Uni<List<ConversationRow>> newestFirst(
      ConversationFilter filter, long beforeSeq, int limit) {
    SqlWhere where =
        new SqlWhere()
            .and("s.channel_id", "=", filter.channelId())
            .and("s.assigned_agent_id", "=", filter.agentId())
            .and("s.state", "=", filter.state() == null ? null : filter.state().name())
            .and("s.opened_at", ">=", filter.openedFrom())
            .and("s.opened_at", "<", filter.openedBefore())
            .and("s.seq", "<", beforeSeq > 0 ? beforeSeq : null);
    if (filter.unanswered() != null) {
      where.and(
          filter.unanswered() ? "s.unanswered_since IS NOT NULL" : "s.unanswered_since IS NULL");
    }
    return rows(where, " ORDER BY s.seq DESC LIMIT ", limit);
  }

  /** Every session of the client, across channels, oldest first, after the cursor's seq. */
  public Uni<List<ConversationRow>> ofClient(UUID clientId, long afterSeq, int limit) {
    SqlWhere where = new SqlWhere().and("s.client_id", "=", clientId).and("s.seq", ">", afterSeq);
    return rows(where, " ORDER BY s.seq LIMIT ", limit);
  }

  /** Whether the client exists (erased ones too: their sessions stay). */
  public Uni<Boolean> clientExists(UUID clientId) {
    return pool.preparedQuery("SELECT 1 FROM client WHERE id = $1")
        .execute(Tuple.of(clientId))
        .map(rows -> rows.size() > 0);
  }

  private Uni<List<ConversationRow>> rows(SqlWhere where, String orderAndLimit, int limit) {
    String sql = COLUMNS + where.sql() + orderAndLimit + where.next(limit);
    return pool.preparedQuery(sql)
        .execute(where.values())
        .map(
            rows -> {
              List<ConversationRow> found = new ArrayList<>(rows.size());
              rows.forEach(row -> found.add(row(row)));
              return found;
            });
  }

  private static ConversationRow row(Row row) {
    return new ConversationRow(
        row.getUUID(0),
        row.getLong(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getUUID(5),
        row.getString(6),
        row.getString(7),
        row.getString(8),
        row.getString(9),
        instant(row.getOffsetDateTime(10)),
        instant(row.getOffsetDateTime(11)),
        row.getLong(12),
        row.getUUID(13),
        row.getString(14),
        row.getString(15),
        instant(row.getOffsetDateTime(16)),
        instant(row.getOffsetDateTime(17)),
        row.getInteger(18));
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
