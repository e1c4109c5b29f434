package dev.switchboard.gateway.connector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.gateway.connector.api.ConnectorSecretsReadiness;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.TestConnectors;
import dev.switchboard.gateway.support.TestConnectors.Bot;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Readiness tells a gateway whose CONNECTOR_SECRETS_KEY is not channel-config-service's. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class ConnectorSecretsReadinessTest {

  @Inject SecretsCipher cipher;

  @Test
  void secretsThatNoLongerOpenWithTheKeyMakeReadinessDownWithTheReasonAndOneGoodOneUpAgain() {
    // channel-config-service sealing under the same key id with another key: what the gateway
    // holds once its CONNECTOR_SECRETS_KEY is wrong.
    SecretsCipher otherKey = SecretsCipher.withBase64Key(TestTokens.connectorSecretsKeyId(), key());
    for (int i = 0; i < ConnectorSecretsReadiness.NEWEST_TRIED; i++) {
      TestConnectors.register(otherKey, Bot.fresh(), 1);
    }

    JsonPath down = awaitReadiness(503);
    Map<String, Object> check = secretsCheck(down);
    assertThat(check.get("status"), equalTo("DOWN"));
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) check.get("data");
    assertThat(
        (String) data.get("reason"),
        containsString("CONNECTOR_SECRETS_KEY opens none of the 10 connector secrets"));
    assertThat(data.get("keyId"), equalTo(TestTokens.connectorSecretsKeyId()));

    // A connector sealed with the gateway's key: the key is right, the others are broken alone.
    TestConnectors.registered(cipher);
    assertThat(secretsCheck(awaitReadiness(200)).get("status"), equalTo("UP"));
  }

  private static JsonPath awaitReadiness(int status) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> given().get("/q/health/ready"), response -> response.statusCode() == status)
        .jsonPath();
  }

  private static Map<String, Object> secretsCheck(JsonPath health) {
    return health.getMap("checks.find { it.name == '" + ConnectorSecretsReadiness.NAME + "' }");
  }

  private static String key() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
