package dev.switchboard.session.conversation.api;

import dev.switchboard.session.conversation.domain.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of a sessions endpoint: the token's subject (not the principal name, a username). */
public final class Callers {

  private Callers() {}

  public static Caller of(JsonWebToken token, SecurityIdentity identity) {
    Object claim = token.getClaim("name");
    String name =
        claim instanceof JsonString json
            ? json.getString()
            : claim == null ? null : claim.toString();
    return new Caller(
        token.getSubject(),
        name,
        identity.hasRole("supervisor"),
        identity.hasRole("admin"),
        identity.hasRole("bot"));
  }
}
