package dev.switchboard.session.rating.store;

import dev.switchboard.session.history.store.SqlWhere;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * R3: the ratings of table {@code rating} (one per session, with the session's channel and agent at
 * the time), counted per score in PostgreSQL; the indexes {@code rating_by_agent} and {@code
 * rating_by_channel} (agent or channel, then {@code rated_at}) serve the filters.
 */
@ApplicationScoped
public class RatingQueries {

  @Inject Pool pool;

  /** The ratings matching the filter, counted per score. */
  public Uni<RatingCounts> report(RatingFilter filter) {
    SqlWhere where = where(filter);
    return pool.preparedQuery(
            "SELECT r.score, count(*) FROM rating r" + where.sql() + " GROUP BY r.score")
        .execute(where.values())
        .map(
            rows -> {
              RatingCounts counts = RatingCounts.none();
              rows.forEach(row -> counts.add(row.getInteger(0), row.getLong(1)));
              return counts;
            });
  }

  /**
   * The same per agent (the filter's agent ignored), by agent id, with the agent's name from the
   * directory copy.
   */
  public Uni<List<AgentRatings>> byAgent(RatingFilter filter) {
    SqlWhere where = where(new RatingFilter(null, filter.channelId(), filter.from(), filter.to()));
    return pool.preparedQuery(
            "SELECT r.agent_id, a.name, r.score, count(*) FROM rating r"
                + " LEFT JOIN agent_copy a ON a.agent_id = r.agent_id"
                + where.sql()
                + " GROUP BY r.agent_id, a.name, r.score ORDER BY r.agent_id NULLS LAST")
        .execute(where.values())
        .map(
            rows -> {
              Map<String, AgentRatings> agents = new LinkedHashMap<>();
              for (Row row : rows) {
                String agentId = row.getString(0);
                agents
                    .computeIfAbsent(
                        Objects.requireNonNullElse(agentId, ""),
                        key -> new AgentRatings(agentId, row.getString(1), RatingCounts.none()))
                    .counts()
                    .add(row.getInteger(2), row.getLong(3));
              }
              return new ArrayList<>(agents.values());
            });
  }

  /** The session's rating; null when it has none. */
  public Uni<SessionRating> of(UUID sessionId) {
    return pool.preparedQuery("SELECT score, comment, rated_at FROM rating WHERE session_id = $1")
        .execute(Tuple.of(sessionId))
        .map(rows -> rows.size() == 0 ? null : rating(rows.iterator().next()));
  }

  private static SessionRating rating(Row row) {
    return new SessionRating(
        row.getInteger(0), row.getString(1), row.getOffsetDateTime(2).toInstant());
  }

  private static SqlWhere where(RatingFilter filter) {
    return new SqlWhere()
        .and("r.agent_id", "=", filter.agentId())
        .and("r.channel_id", "=", filter.channelId())
        .and("r.rated_at", ">=", filter.from())
        .and("r.rated_at", "<", filter.to());
  }
}
