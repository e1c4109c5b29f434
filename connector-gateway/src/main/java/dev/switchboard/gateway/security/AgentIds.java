package dev.switchboard.gateway.security;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** An agent's id is the OIDC subject of their token (API.md, "Identity"). */
public final class AgentIds {

  private AgentIds() {}

  public static String of(SecurityIdentity identity) {
    if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
      return token.getSubject();
    }
    return identity.getPrincipal().getName();
  }
}
