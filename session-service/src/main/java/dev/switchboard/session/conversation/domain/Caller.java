package dev.switchboard.session.conversation.domain;

/**
 * The person (or program) behind a REST call.
 *
 * @param id the token's subject: an agent's id, or a chatbot's id (API.md, "Identity")
 * @param name the token's display name, when it has one
 * @param supervisor reads every channel and its sessions
 * @param admin configures everything, and reads like a supervisor
 * @param bot a chatbot (role {@code bot}, B2): it works only the sessions it handles (state BOT)
 */
public record Caller(String id, String name, boolean supervisor, boolean admin, boolean bot) {

  /** A person: an agent, a supervisor or an administrator. */
  public Caller(String id, String name, boolean supervisor, boolean admin) {
    this(id, name, supervisor, admin, false);
  }

  /** A chatbot (role {@code bot}). */
  public static Caller bot(String id, String name) {
    return new Caller(id, name, false, false, true);
  }

  /** Supervisors and administrators see every channel (API.md). */
  public boolean seesEveryChannel() {
    return supervisor || admin;
  }
}
