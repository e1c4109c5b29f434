package dev.switchboard.session.transcript;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.session.conversation.Platform;
import dev.switchboard.testkit.AccessMatrix;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestEvents;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * O4: a session's transcript by e-mail, sent over SMTP to a real in-process mail server (GreenMail,
 * {@link Smtp}) and read back from it: subject and texts in the channel's language, the messages in
 * order with their authors and times in the channel's zone, HTML escaped; who may ask; a mail
 * server that is down at first delays the mail, which then arrives once.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
@QuarkusTestResource(Smtp.class)
class TranscriptByEmailTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  @Test
  void anAgentsTranscriptArrivesInEnglishWithTheMessagesInOrderAndTheirAuthors() throws Exception {
    Smtp.up();
    Conversation conversation =
        Conversation.open("en", "America/New_York", "Hello, I need help with my order");
    conversation.agentSays("Sure, it ships <b>today</b> & arrives soon");
    conversation.clientSays("Thanks!");
    String email = "maria." + shortId() + "@example.com";

    requestTranscript(conversation.sessionId, email, conversation.agent, "agent")
        .statusCode(202)
        .body("sessionId", equalTo(conversation.sessionId))
        .body("email", equalTo(email))
        .body("queuedAt", notNullValue());

    Mail mail = awaitOneMail(email);
    assertThat(mail.subject, equalTo("Transcript of your conversation with " + conversation.name));
    List<String> lines = conversation.expectedLines("America/New_York");
    assertThat(lines.get(0), containsString("] María García: Hello, I need help with my order"));
    assertThat(lines.get(1), containsString("] Ana López: Sure, it ships <b>today</b> & arrives"));
    assertInOrder(mail.text, lines);
    assertThat(mail.text, containsString("Your conversation with " + conversation.name));
    assertThat(mail.text, containsString("Times are in America/New_York."));
    assertThat(mail.html, containsString("Sure, it ships &lt;b&gt;today&lt;/b&gt; &amp; arrives"));
    assertThat(mail.html, not(containsString("<b>today</b>")));
    assertThat(mail.html, containsString("<strong>María García</strong>: Thanks!"));
  }

  @Test
  void aSupervisorsTranscriptOfASpanishChannelArrivesInSpanish() throws Exception {
    Smtp.up();
    Conversation conversation =
        Conversation.open("es", "Europe/Madrid", "Hola, necesito ayuda con mi pedido");
    conversation.agentSays("Claro, sale <b>hoy</b> mismo");
    conversation.clientSays("¡Gracias!");
    String email = "cliente." + shortId() + "@example.es";

    requestTranscript(conversation.sessionId, email, "supervisor-" + shortId(), "supervisor")
        .statusCode(202);

    Mail mail = awaitOneMail(email);
    assertThat(mail.subject, equalTo("Transcripción de su conversación con " + conversation.name));
    assertInOrder(mail.text, conversation.expectedLines("Europe/Madrid"));
    assertThat(mail.text, containsString("Su conversación con " + conversation.name));
    assertThat(mail.text, containsString("Las horas están en Europe/Madrid."));
    assertThat(mail.html, containsString("<html lang=\"es\">"));
    assertThat(mail.html, containsString("Claro, sale &lt;b&gt;hoy&lt;/b&gt; mismo"));
    assertThat(mail.html, containsString("<strong>Ana López</strong>"));
  }

  @Test
  void onlyTheSessionsAgentASupervisorOrAnAdministratorHaveItSent() {
    Smtp.up();
    Conversation conversation = Conversation.open("en", null, "Hello");
    String colleague = "agent-" + shortId();
    String session = "/api/v1/sessions/" + conversation.sessionId + "/transcript";
    String unknown = "/api/v1/sessions/" + UUID.randomUUID() + "/transcript";
    String body = new JsonObject().put("email", "matrix@example.com").encode();
    conversation.addToQueue(colleague);

    AccessMatrix matrix =
        new AccessMatrix()
            .caller("anonymous", null)
            .caller("agent of another channel", TestTokens.token("agent-" + shortId(), "agent"))
            .caller("bot", TestTokens.token("bot-" + shortId(), "bot"))
            .caller("agent of this channel", TestTokens.token(colleague, "agent"))
            .caller("the session's agent", TestTokens.token(conversation.agent, "agent"))
            .caller("supervisor", TestTokens.token("supervisor1", "supervisor"))
            .caller("admin", TestTokens.token("admin1", "admin"));
    // anonymous, agent of another channel, bot, agent of this channel, the session's agent,
    // supervisor, admin. The module's rule (API.md "Errors"): a caller who may not know the session
    // (an agent outside its channel's queue) gets the 404 of an unknown session, not a 403.
    matrix
        .row("POST " + session + " 401 404 403 403 202 202 202", body)
        .row("POST " + unknown + " 401 404 403 404 404 404 404", body);
    assertThat(matrix.wrongAnswers(), empty());
  }

  @Test
  void aMalformedAddressIsRefusedNamingTheField() {
    Conversation conversation = Conversation.open("en", null, "Hello");
    String path = "/api/v1/sessions/" + conversation.sessionId + "/transcript";
    for (String bad :
        List.of(
            "not-an-address",
            "maria@",
            "@example.com",
            "maria@example",
            "",
            "a b@example.com",
            "maria@example.com\r\nBcc: all@example.com",
            "maria@example.com, eve@example.com")) {
      as(conversation.agent, "agent")
          .body(new JsonObject().put("email", bad).encode())
          .post(path)
          .then()
          .statusCode(400)
          .body("errors[0].field", equalTo("email"));
    }
    as(conversation.agent, "agent").body("{}").post(path).then().statusCode(400);
  }

  @Test
  void aMailServerDownAtFirstDelaysTheTranscriptWhichThenArrivesOnce() throws Exception {
    Smtp.down();
    Conversation conversation =
        Conversation.open("de", "Europe/Berlin", "Hallo, ich brauche Hilfe");
    String email = "kunde." + shortId() + "@example.de";

    requestTranscript(conversation.sessionId, email, conversation.agent, "agent").statusCode(202);

    // The server is down: attempts fail, the request waits with the reason.
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> request(email).attempts() >= 2 && request(email).lastError() != null);
    assertThat(request(email).sentAt(), equalTo(null));

    Smtp.up();
    Mail mail = awaitOneMail(email);
    assertThat(mail.subject, equalTo("Verlauf Ihres Gesprächs mit " + conversation.name));
    assertThat(mail.text, containsString("] María García: Hallo, ich brauche Hilfe"));
    Row sent = request(email);
    assertThat(sent.sentAt(), notNullValue());
    assertThat(sent.attempts(), greaterThanOrEqualTo(3));
    // Sent once: further polls (every 100 ms in tests) leave it at one mail.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> Smtp.mailsTo(email).size() == 1);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static void assertInOrder(String text, List<String> lines) {
    int previous = -1;
    for (String line : lines) {
      int at = text.indexOf(line);
      assertThat("line \"" + line + "\" in\n" + text, at, greaterThan(-1));
      assertThat("line \"" + line + "\" after the one before it", previous, lessThan(at));
      previous = at;
    }
  }

  private static Mail awaitOneMail(String email) throws Exception {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !Smtp.mailsTo(email).isEmpty());
    List<MimeMessage> mails = Smtp.mailsTo(email);
    assertThat(mails, hasSize(1));
    return Mail.of(mails.get(0));
  }

  record Row(int attempts, String lastError, Instant sentAt) {}

  private static Row request(String email) throws Exception {
    try (var connection = Platform.database();
        var statement =
            connection.prepareStatement(
                "SELECT attempts, last_error, sent_at FROM session.transcript_request"
                    + " WHERE email = ?")) {
      statement.setString(1, email);
      try (var result = statement.executeQuery()) {
        if (!result.next()) {
          return new Row(0, null, null);
        }
        var sentAt = result.getTimestamp(3);
        return new Row(
            result.getInt(1), result.getString(2), sentAt == null ? null : sentAt.toInstant());
      }
    }
  }

  /** The mail as read back: its subject and its plain-text and HTML parts. */
  record Mail(String subject, String text, String html) {

    static Mail of(MimeMessage message) throws Exception {
      String[] parts = new String[2];
      collect(message, parts);
      return new Mail(message.getSubject(), parts[0], parts[1]);
    }

    private static void collect(Part part, String[] parts) throws Exception {
      if (part.isMimeType("text/plain")) {
        parts[0] = part.getContent().toString().replace("\r\n", "\n");
      } else if (part.isMimeType("text/html")) {
        parts[1] = part.getContent().toString().replace("\r\n", "\n");
      } else if (part.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          collect(child, parts);
        }
      }
    }
  }

  private static ValidatableResponse requestTranscript(
      String sessionId, String email, String user, String role) {
    return as(user, role)
        .body(new JsonObject().put("email", email).encode())
        .post("/api/v1/sessions/" + sessionId + "/transcript")
        .then();
  }

  private static RequestSpecification as(String user, String... roles) {
    return given()
        .header("Authorization", "Bearer " + TestTokens.token(user, roles))
        .contentType("application/json");
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * A channel of its own (language, zone), its client María García who wrote, and its agent Ana
   * López who has the session.
   */
  static final class Conversation {

    final String channelId = Platform.newId();
    final String name = "Support " + channelId.substring(0, 8);
    final String connectorId = Platform.newId();
    final String accountId =
        Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40));
    final String chatId = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40));
    final String agent = "agent-" + shortId();
    final Map<String, JsonNode> sections;
    String sessionId;
    private int nextMessage = 1;

    private Conversation(String language, String zone) {
      var other = JsonNodeFactory.instance.objectNode().put("language", language);
      var workingTime = JsonNodeFactory.instance.objectNode().put("enabled", false);
      if (zone != null) {
        workingTime.put("timeZone", zone);
      }
      sections = Map.of("other", other, "workingTime", workingTime);
    }

    static Conversation open(String language, String zone, String firstText) {
      Conversation conversation = new Conversation(language, zone);
      conversation.start(firstText);
      return conversation;
    }

    private void start(String firstText) {
      Platform.publish(Platform.agent(agent, "Ana López", null));
      Platform.publish(Platform.channel(channelId, 1, name, true, List.of(agent), null, sections));
      Platform.publish(Platform.connector(connectorId, channelId, accountId, 1, false));
      Platform.awaitAgentCopy(agent);
      Platform.awaitChannelCopy(channelId, 1);
      Platform.awaitConnectorCopy(connectorId, 1);
      try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
        clientSays(firstText);
        sessionId =
            Platform.awaitEvent(events, SessionOpened.class, e -> channelId.equals(e.channelId()))
                .sessionId();
      }
      try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
        TestEvents.publish(
            new AgentAssigned(
                PlatformEvent.newId(),
                channelId,
                sessionId,
                agent,
                AssignmentReason.DISTRIBUTION,
                null,
                Instant.now()),
            "/switchboard/routing-service");
        Platform.awaitEvent(events, SessionAssigned.class, e -> sessionId.equals(e.sessionId()));
      }
    }

    /** channel-config adds this agent to the channel's queue (version 2). */
    void addToQueue(String colleague) {
      Platform.publish(
          Platform.channel(channelId, 2, name, true, List.of(agent, colleague), null, sections));
      Platform.awaitChannelCopy(channelId, 2);
    }

    void clientSays(String text) {
      int before = sessionId == null ? 0 : messages().size();
      Platform.publish(
          Platform.inbound(connectorId, accountId, chatId, Integer.toString(nextMessage++), text));
      if (sessionId != null) {
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> messages().size() > before);
      }
    }

    void agentSays(String text) {
      as(agent, "agent")
          .body(new JsonObject().put("text", text).encode())
          .post("/api/v1/sessions/" + sessionId + "/messages")
          .then()
          .statusCode(201);
    }

    List<Map<String, Object>> messages() {
      return as("supervisor1", "supervisor")
          .get("/api/v1/sessions/" + sessionId + "/messages")
          .then()
          .statusCode(200)
          .extract()
          .path("items");
    }

    /** Each stored message as the transcript shows it: [HH:mm] Author: text, in the zone. */
    List<String> expectedLines(String zone) {
      return messages().stream()
          .map(
              m ->
                  "["
                      + HH_MM.format(Instant.parse((String) m.get("at")).atZone(ZoneId.of(zone)))
                      + "] "
                      + ("CLIENT".equals(m.get("authorType"))
                          ? "María García"
                          : m.get("authorName"))
                      + ": "
                      + m.get("text"))
          .toList();
    }
  }
}
