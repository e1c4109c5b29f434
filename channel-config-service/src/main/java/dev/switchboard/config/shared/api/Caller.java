package dev.switchboard.config.shared.api;

import dev.switchboard.platform.runtime.api.Problem;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling (G1): administrators and supervisors read everything, agents what they need. */
public final class Caller {

  private Caller() {}

  /** Whether the caller reads every channel (admin or supervisor). */
  public static boolean readsEverything(SecurityIdentity identity) {
    return identity.hasRole("admin") || identity.hasRole("supervisor");
  }

  /** The agent id of the caller: the token's subject (the id of the agent directory). */
  public static String agentId(SecurityIdentity identity) {
    if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
      return token.getSubject();
    }
    return identity.getPrincipal().getName();
  }

  /** 403 saying why. */
  public static ProblemException forbidden(String detail) {
    return new ProblemException(Problem.of(403, "Forbidden", detail));
  }
}
