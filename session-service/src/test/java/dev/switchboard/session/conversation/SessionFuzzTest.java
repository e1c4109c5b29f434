package dev.switchboard.session.conversation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.DeadLetterHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.session.conversation.domain.InboundContract;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import dev.switchboard.testkit.fuzz.Fuzz;
import dev.switchboard.testkit.fuzz.HostileBodies;
import dev.switchboard.testkit.fuzz.HostileClient;
import dev.switchboard.testkit.fuzz.HostileValues;
import dev.switchboard.testkit.fuzz.ProblemAnswers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Hostile input for session-service (issue 12's suite): mutated agent replies and transfers on its
 * API, and clients' messages with hostile text and names as a connector publishes them. No answer
 * is a 5xx, every refusal is a problem, every client message reaches its session (none is
 * dead-lettered, none blocks its partition). {@code -Dfuzz.tries=N} for a longer run.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class SessionFuzzTest {

  private static final int TRIES = 200;

  @Test
  void hostileRepliesAndTransfersNeverGetA5xx() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String sessionId = Routing.assignedSession(channel.newChat(), channel.id, agent);
    Map<String, String> asAgent =
        Map.of("Authorization", "Bearer " + TestTokens.token(agent, "agent"));

    fuzz(
        "POST /api/v1/sessions/{id}/messages",
        "/api/v1/sessions/" + sessionId + "/messages",
        asAgent,
        "{\"text\":\"Hola María, ¿en qué puedo ayudarte? 😀\"}");
    Routing.reply(agent, sessionId, "¿Sigue ahí?").statusCode(201);

    fuzz(
        "POST /api/v1/sessions/{id}/transfer",
        "/api/v1/sessions/" + sessionId + "/transfer",
        Map.of("Authorization", "Bearer " + TestTokens.token("admin1", "admin")),
        "{\"toAgentId\":\"" + TestChannel.newAgent() + "\"}",
        "{\"toChannelId\":\"" + channel.id + "\"}");
  }

  /**
   * Every hostile message a connector publishes is either stored in its session or, when it breaks
   * the topic's contract ({@link InboundContract}: sizes, content), dead-lettered with that reason;
   * none is lost to a failure, and the partition goes on (a fresh chat still opens its session).
   */
  @Test
  void everyHostileClientMessageReachesItsSessionOrIsRefusedByTheContract() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    List<TestChannel.Chat> chats =
        List.of(channel.newChat(), channel.newChat(), channel.newChat(), channel.newChat());
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    Map<String, String> refused = new ConcurrentHashMap<>();
    try (TopicProbe sessions = TopicProbe.open(Topics.SESSION_EVENTS);
        TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.INBOUND_MESSAGES))) {
      Fuzz.forAll(
          "oc.inbound.messages.v1 InboundMessageReceived",
          hostileMessages(chats),
          Fuzz.tries(TRIES),
          message -> {
            Platform.publish(message);
            InboundContract.Violation violation = contractViolation(message);
            if (violation == null) {
              accepted.add(message.id());
            } else {
              refused.put(message.id(), violation.reason());
            }
          });

      TestChannel.Chat fresh = channel.newChat();
      fresh.says("Hola, ¿hay alguien?");
      sessions.await(
          r ->
              Platform.is(r, SessionOpened.class)
                  && fresh.chatId.equals(Platform.read(r, SessionOpened.class).externalChatId()),
          Routing.WAIT);
      Awaitility.await().atMost(Routing.WAIT).until(() -> stored(sessions).containsAll(accepted));
      Awaitility.await()
          .atMost(Routing.WAIT)
          .until(() -> deadLettered(deadLetters, accepted, refused.keySet()), equalTo(refused));
    }
  }

  private static InboundContract.Violation contractViolation(InboundMessageReceived message) {
    InboundContract.Violation size = InboundContract.recordSize(EventJson.write(message).length);
    return size != null ? size : InboundContract.check(message, message.partitionKey());
  }

  /** The event ids and reasons of this test's dead-lettered records (other tests' aside). */
  private static Map<String, String> deadLettered(
      TopicProbe deadLetters, Set<String> accepted, Set<String> refused) {
    Map<String, String> reasons = new HashMap<>();
    for (var record : deadLetters.records()) {
      String id = TopicProbe.header(record, CloudEventHeaders.ID);
      if (accepted.contains(id) || refused.contains(id)) {
        reasons.put(id, TopicProbe.header(record, DeadLetterHeaders.REASON));
      }
    }
    return reasons;
  }

  /** Found by the fuzzer: PostgreSQL refused the bytes and the message was dead-lettered. */
  @Test
  void aClientsMessageWithAnUnpairedSurrogateIsStored() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    try (TopicProbe sessions = TopicProbe.open(Topics.SESSION_EVENTS)) {
      InboundMessageReceived message = channel.newChat().says("Hola \uD800\u0249 ¿hay alguien?");
      ClientMessageReceived stored =
          Platform.read(
              sessions.await(
                  r ->
                      Platform.is(r, ClientMessageReceived.class)
                          && message
                              .id()
                              .equals(
                                  Platform.read(r, ClientMessageReceived.class).inboundEventId()),
                  Routing.WAIT),
              ClientMessageReceived.class);
      assertThat(stored.text(), equalTo("Hola \uFFFD\u0249 ¿hay alguien?"));
    }
  }

  private static Set<String> stored(TopicProbe sessions) {
    Set<String> ids = new HashSet<>();
    for (var record : sessions.records()) {
      if (Platform.is(record, ClientMessageReceived.class)) {
        ids.add(Platform.read(record, ClientMessageReceived.class).inboundEventId());
      }
    }
    return ids;
  }

  /** Messages a connector may publish: any text and names the event's contract admits. */
  private static Arbitrary<InboundMessageReceived> hostileMessages(List<TestChannel.Chat> chats) {
    Arbitrary<String> text = HostileValues.strings();
    Arbitrary<String> name = Arbitraries.oneOf(HostileValues.strings(), Arbitraries.just(null));
    return Combinators.combine(Arbitraries.of(chats), text, name, name, name)
        .as(
            (chat, body, first, last, username) -> {
              InboundMessageReceived plain = chat.next(body);
              try {
                return new InboundMessageReceived(
                    plain.id(),
                    plain.connectorType(),
                    plain.connectorId(),
                    plain.accountId(),
                    plain.externalChatId(),
                    plain.externalMessageId(),
                    new ClientIdentity(
                        chat.chatId, first, first, last, username, null, null, null, username),
                    body,
                    List.of(),
                    plain.sentAt(),
                    plain.occurredAt());
              } catch (IllegalArgumentException notInTheContract) {
                return null;
              }
            })
        .filter(message -> message != null);
  }

  private static void fuzz(
      String family, String path, Map<String, String> caller, String... seeds) {
    Fuzz.forAll(
        family,
        HostileBodies.mutationsOf(seeds),
        Fuzz.tries(TRIES),
        body -> ProblemAnswers.assertAcceptable(HostileClient.send("POST", path, caller, body)));
  }
}
