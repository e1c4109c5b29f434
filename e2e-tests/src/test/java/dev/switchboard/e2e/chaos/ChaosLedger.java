package dev.switchboard.e2e.chaos;

import dev.switchboard.e2e.Platform;
import dev.switchboard.e2e.TelegramStub;
import dev.switchboard.events.DeadLetterHeaders;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What must hold after the faults, checked from what the platform left: the whole event log of the
 * chaos broker, session-service's tables and the Telegram stub's record of {@code sendMessage}.
 * Each check counts what it looked at and lists every violation it found.
 */
final class ChaosLedger {

  /** One invariant: how many things it checked, and each one that broke it. */
  record Invariant(String name, long checked, List<String> violations) {}

  private final ChaosRig rig;
  private final List<ChaosRig.Channel> channels;
  private final ChaosLoad load;
  private final List<ChaosAgent> agents;

  ChaosLedger(
      ChaosRig rig, List<ChaosRig.Channel> channels, ChaosLoad load, List<ChaosAgent> agents) {
    this.rig = rig;
    this.channels = channels;
    this.load = load;
    this.agents = agents;
  }

  /** Client messages of the run's connectors stored by session-service, each key with its count. */
  Map<ChaosLoad.Webhook, Integer> storedClientMessages() throws SQLException {
    Map<ChaosLoad.Webhook, Integer> stored = new HashMap<>();
    try (Connection db = Platform.testDatabase();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT m.connector_id, m.external_chat_id, m.external_message_id, count(*)"
                    + " FROM session.message m JOIN session.session s ON s.id = m.session_id"
                    + " WHERE m.connector_id = ANY (?) AND m.author_type = 'CLIENT'"
                    + " AND s.external_chat_id = m.external_chat_id"
                    + " GROUP BY 1, 2, 3")) {
      query.setArray(1, db.createArrayOf("text", connectorIds().toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          stored.put(
              new ChaosLoad.Webhook(
                  rows.getString(1),
                  Long.parseLong(rows.getString(2)),
                  Integer.parseInt(rows.getString(3))),
              rows.getInt(4));
        }
      }
    }
    return stored;
  }

  /** Sessions of the run's channels that are not closed. */
  long openSessions() throws SQLException {
    try (Connection db = Platform.testDatabase();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT count(*) FROM session.session WHERE channel_id = ANY (?)"
                    + " AND state <> 'CLOSED'")) {
      query.setArray(
          1, db.createArrayOf("text", channels.stream().map(ChaosRig.Channel::id).toArray()));
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** How many times the stub was asked to send each text that starts like the agents' replies. */
  Map<String, Long> repliesSent() {
    return rig.telegram.calls().stream()
        .filter(call -> call.method().equals("sendMessage"))
        .map(TelegramStub.Call::shownText)
        .filter(text -> text.startsWith(ChaosAgent.REPLY_PREFIX))
        .collect(Collectors.groupingBy(text -> text, Collectors.counting()));
  }

  List<Invariant> check() throws SQLException {
    List<PlatformEvent> sessionEvents =
        WholeTopic.events(rig.broker.bootstrapServers(), Topics.SESSION_EVENTS);
    List<PlatformEvent> routingEvents =
        WholeTopic.events(rig.broker.bootstrapServers(), Topics.ROUTING_EVENTS);
    return List.of(
        everyWebhookTakenIsStoredOnceInItsSession(),
        noSessionHeldByTwoAgents(sessionEvents),
        noAgentAboveItsLimit(sessionEvents),
        everyDueTimerFiredOnce(routingEvents),
        noReplySentTwice(),
        deadLetterTopicsEmpty());
  }

  private Invariant everyWebhookTakenIsStoredOnceInItsSession() throws SQLException {
    Map<ChaosLoad.Webhook, Integer> stored = storedClientMessages();
    List<String> violations = new ArrayList<>();
    load.webhooks.forEach(
        (webhook, taken) -> {
          int count = stored.getOrDefault(webhook, 0);
          if (taken && count != 1) {
            violations.add(webhook + " answered 2xx, stored " + count + " times in its session");
          } else if (!taken && count > 1) {
            violations.add(webhook + " never answered 2xx, stored " + count + " times");
          }
        });
    return new Invariant(
        "every webhook answered 2xx is stored exactly once, in its session",
        load.webhooks.size(),
        violations);
  }

  private Invariant noSessionHeldByTwoAgents(List<PlatformEvent> sessionEvents) {
    Map<String, Set<String>> agentsBySession = new HashMap<>();
    for (PlatformEvent event : sessionEvents) {
      if (event instanceof SessionAssigned assigned && ours(assigned.channelId())) {
        agentsBySession
            .computeIfAbsent(assigned.sessionId(), s -> new HashSet<>())
            .add(assigned.agentId());
      }
    }
    List<String> violations = new ArrayList<>();
    agentsBySession.forEach(
        (session, holders) -> {
          if (holders.size() > 1) {
            violations.add("session " + session + " assigned to " + holders);
          }
        });
    return new Invariant(
        "no session held by two agents (SessionAssigned, no transfers in the run)",
        agentsBySession.size(),
        violations);
  }

  /**
   * Replays each channel's session events in their partition's order (one channel is one key, so
   * one partition): an agent's load is the sessions assigned to them and not closed yet.
   */
  private Invariant noAgentAboveItsLimit(List<PlatformEvent> sessionEvents) {
    Map<String, Integer> limits = new HashMap<>();
    channels.forEach(c -> c.agentIds().forEach(a -> limits.put(a, c.maxSessionsPerAgent())));
    Map<String, String> holder = new HashMap<>();
    Map<String, Integer> load = new HashMap<>();
    List<String> violations = new ArrayList<>();
    long checked = 0;
    for (PlatformEvent event : sessionEvents) {
      if (event instanceof SessionAssigned assigned && ours(assigned.channelId())) {
        String previous = holder.put(assigned.sessionId(), assigned.agentId());
        if (assigned.agentId().equals(previous)) {
          continue;
        }
        if (previous != null) {
          load.merge(previous, -1, Integer::sum);
        }
        int now = load.merge(assigned.agentId(), 1, Integer::sum);
        checked++;
        int limit = limits.getOrDefault(assigned.agentId(), Integer.MAX_VALUE);
        if (now > limit) {
          violations.add(
              assigned.agentId()
                  + " held "
                  + now
                  + " sessions (limit "
                  + limit
                  + ") on "
                  + assigned.sessionId());
        }
      } else if (event instanceof SessionClosed closed && ours(closed.channelId())) {
        String previous = holder.remove(closed.sessionId());
        if (previous != null) {
          load.merge(previous, -1, Integer::sum);
        }
      }
    }
    return new Invariant("no agent above their limit (Q7)", checked, violations);
  }

  /**
   * Offer timers (Q3/Q5, routing-service's timers in Redis): an offer with a deadline that was
   * neither taken nor withdrawn expires once, when due; none expires twice.
   */
  private Invariant everyDueTimerFiredOnce(List<PlatformEvent> routingEvents) {
    Instant due = Instant.now().minusSeconds(20);
    Map<String, OfferMade> offers = new HashMap<>();
    Map<String, Integer> expired = new HashMap<>();
    Set<String> ended = new HashSet<>();
    for (PlatformEvent event : routingEvents) {
      if (event instanceof OfferMade made && ours(made.channelId()) && made.expiresAt() != null) {
        offers.put(made.offerId(), made);
      } else if (event instanceof OfferExpired expiry && ours(expiry.channelId())) {
        expired.merge(expiry.offerId(), 1, Integer::sum);
      } else if (event instanceof AgentAssigned assigned && assigned.offerId() != null) {
        ended.add(assigned.offerId());
      } else if (event instanceof OfferWithdrawn withdrawn) {
        ended.add(withdrawn.offerId());
      }
    }
    List<String> violations = new ArrayList<>();
    long checked = 0;
    for (OfferMade offer : offers.values()) {
      int fired = expired.getOrDefault(offer.offerId(), 0);
      if (fired > 1) {
        violations.add("offer " + offer.offerId() + " expired " + fired + " times");
      }
      if (offer.expiresAt().isBefore(due) && !ended.contains(offer.offerId())) {
        checked++;
        if (fired == 0) {
          violations.add(
              "offer "
                  + offer.offerId()
                  + " of session "
                  + offer.sessionId()
                  + " due at "
                  + offer.expiresAt()
                  + " never expired");
        }
      }
    }
    return new Invariant(
        "every due offer timer fired once (none twice: " + offers.size() + " offers with a timer)",
        checked,
        violations);
  }

  private Invariant noReplySentTwice() {
    Map<String, Long> sent = repliesSent();
    List<String> violations = new ArrayList<>();
    long checked = 0;
    for (ChaosAgent agent : agents) {
      for (String text : agent.repliesTaken.keySet()) {
        checked++;
        long times = sent.getOrDefault(text, 0L);
        if (times != 1) {
          violations.add(
              "reply " + text + " of " + agent.id + " taken (2xx), sent " + times + " times");
        }
      }
      for (String text : agent.repliesUnsure.keySet()) {
        checked++;
        long times = sent.getOrDefault(text, 0L);
        if (times > 1) {
          violations.add("reply " + text + " of " + agent.id + " sent " + times + " times");
        }
      }
    }
    return new Invariant(
        "no client got a reply twice (each reply taken is sent once)", checked, violations);
  }

  private Invariant deadLetterTopicsEmpty() {
    List<String> violations = new ArrayList<>();
    List<String> deadLetterTopics =
        Topics.mainTopics().stream().map(topic -> Topics.dlq(topic.name())).toList();
    for (String topic : deadLetterTopics) {
      for (var record : WholeTopic.records(rig.broker.bootstrapServers(), topic)) {
        var reason = record.headers().lastHeader(DeadLetterHeaders.REASON);
        violations.add(
            topic
                + ": "
                + (reason == null
                    ? "(no reason)"
                    : new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    return new Invariant("dead-letter topics empty", deadLetterTopics.size(), violations);
  }

  private Set<String> connectorIds() {
    return channels.stream().map(ChaosRig.Channel::connectorId).collect(Collectors.toSet());
  }

  private boolean ours(String channelId) {
    return channels.stream().anyMatch(c -> c.id().equals(channelId));
  }
}
