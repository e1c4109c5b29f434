package dev.switchboard.gateway.forwarding;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.RawHttp;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forwarder against a service that answers before it has read the body, as a Quarkus service
 * does for a 415 or a 413: the large request gets that answer (or the gateway's own 413), and the
 * connection it leaves half-written never carries anyone's next request.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class ForwardingLimitsTest {

  private static final String NOT_JSON =
      "{\"type\":\"about:blank\",\"title\":\"Unsupported Media Type\",\"status\":415}";

  private static Vertx vertx;
  private static HttpServer channelConfig;
  private static final List<String> received = new CopyOnWriteArrayList<>();

  @TestHTTPResource("/")
  URL gateway;

  /**
   * channel-config-service: a text/plain body is refused at once, before it is read (with {@code
   * ?unread=true} the request stays paused: nothing of the body is ever read); anything else is
   * answered 200.
   */
  @BeforeAll
  static void startChannelConfig() throws Exception {
    vertx = Vertx.vertx();
    channelConfig =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  received.add(request.method() + " " + request.path());
                  String type = request.getHeader("Content-Type");
                  if (type != null && type.startsWith("text/plain")) {
                    if ("true".equals(request.getParam("unread"))) {
                      request.pause();
                    }
                    request
                        .response()
                        .setStatusCode(415)
                        .putHeader("Content-Type", "application/problem+json")
                        .end(NOT_JSON);
                  } else {
                    request
                        .body()
                        .onSuccess(
                            body ->
                                request
                                    .response()
                                    .putHeader("Content-Type", "application/json")
                                    .end("{\"items\":[],\"nextCursor\":null}"));
                  }
                })
            .listen(GatewayStubsResource.port(GatewayStubsResource.UPSTREAM_PORT), "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopChannelConfig() throws Exception {
    channelConfig.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void forget() {
    received.clear();
  }

  @Test
  void aBodyOverTheLimitIs413ProblemJsonBeforeAnyOfItIsSentOrForwarded() {
    RawHttp.Answer answer =
        RawHttp.headersOnly(
            gateway,
            "POST /api/v1/channels HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: Bearer "
                + TestTokens.token("admin-1", "admin")
                + "\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: 9000000\r\n");

    assertThat(answer.status(), equalTo(413));
    assertThat(answer.header("Content-Type"), equalTo("application/problem+json"));
    assertThat(answer.body(), containsString("\"status\":413"));
    assertThat(answer.body(), containsString("524288 bytes at most"));
    assertThat(received, empty());
  }

  @Test
  void aBodyTheServiceRefusesAtOnceGetsItsAnswerAndTheNextCallsAnswerPromptly() {
    String admin = TestTokens.token("admin-1", "admin");
    String otherUser = TestTokens.token("sup-1", "supervisor");
    String text = "x".repeat(400 * 1024);

    for (int round = 0; round < 4; round++) {
      given()
          .header("Authorization", "Bearer " + admin)
          .contentType("text/plain")
          .body(text)
          .post("/api/v1/channels?unread=" + (round % 2 == 1))
          .then()
          .statusCode(415)
          .contentType("application/problem+json")
          .body("status", equalTo(415));

      for (String token : List.of(admin, otherUser, otherUser)) {
        long started = System.nanoTime();
        Response next =
            given().header("Authorization", "Bearer " + token).get("/api/v1/channels?limit=5");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(next.statusCode(), equalTo(200));
        assertThat(millis, lessThan(5_000L));
      }
    }
  }
}
