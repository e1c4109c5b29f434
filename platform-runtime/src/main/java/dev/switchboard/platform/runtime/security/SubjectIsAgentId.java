package dev.switchboard.platform.runtime.security;

import dev.switchboard.platform.runtime.api.AgentIdRule;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token's subject is the caller's id everywhere (API.md, "Identity": an agent's id, a bot's id),
 * and those ids become parts of Redis keys, Kafka keys and paths. So a subject must pass the same
 * {@link AgentIdRule} as an id entered through the API: a token whose subject breaks it (a {@code
 * :} that would make one agent's keys another's, a blank, a control character) or that has none is
 * not a valid token here, a 401 problem+json on every service and at the gateway.
 */
@ApplicationScoped
public class SubjectIsAgentId implements SecurityIdentityAugmentor {

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.getPrincipal() instanceof JsonWebToken token
        && !AgentIdRule.isAgentId(token.getSubject())) {
      return Uni.createFrom()
          .failure(
              new AuthenticationFailedException(
                  "The token's subject is not a user id: it " + AgentIdRule.MESSAGE));
    }
    return Uni.createFrom().item(identity);
  }
}
