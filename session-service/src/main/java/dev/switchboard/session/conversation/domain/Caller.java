package dev.switchboard.session.conversation.domain;

/**
 * The person behind a REST call.
 *
 * @param id the token's subject: an agent's id (API.md, "Identity")
 * @param name the token's display name, when it has one
 * @param supervisor reads every channel and its sessions
 * @param admin configures everything, and reads like a supervisor
 */
public record Caller(String id, String name, boolean supervisor, boolean admin) {

  /** Supervisors and administrators see every channel (API.md). */
  public boolean seesEveryChannel() {
    return supervisor || admin;
  }
}
