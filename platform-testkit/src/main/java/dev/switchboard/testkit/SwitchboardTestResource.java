package dev.switchboard.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the real infrastructure (checking it answers) and makes the
 * service trust the tokens of {@link TestTokens}. Use with
 * {@code @QuarkusTestResource(SwitchboardTestResource.class)}.
 */
public class SwitchboardTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    Infrastructure.requireReachable();
    // The audience is left at the services' default (OIDC_AUDIENCE), which TestTokens carry, so the
    // tests check what a deployment gets.
    return Map.of(
        "quarkus.oidc.public-key",
        TestTokens.publicKeyBase64(),
        "quarkus.oidc.token.issuer",
        TestTokens.ISSUER,
        "quarkus.oidc.roles.role-claim-path",
        "groups",
        "switchboard.connector-secrets.key",
        TestTokens.connectorSecretsKeyBase64(),
        "switchboard.connector-secrets.key-id",
        TestTokens.connectorSecretsKeyId());
  }

  @Override
  public void stop() {
    // Nothing to stop: the infrastructure belongs to the project's scripts, not to one test class.
  }
}
