package dev.switchboard.session.timers;

/**
 * The session's durable timers (issue 13). Each kind is one db-scheduler one-time task; its
 * instance id is the session id, so a session has at most one pending timer of each kind and
 * scheduling it again moves it.
 */
public enum TimerKind {
  /** A3: the agent has not answered within the channel's interval: mark the session unanswered. */
  UNANSWERED("session-unanswered"),
  /** A6: the rating wait after the agent's close is over: close the session for good. */
  RATING_WAIT("session-rating-wait"),
  /** A7: the client has been silent for the channel's timeout: close the conversation. */
  CONVERSATION_TIMEOUT("session-conversation-timeout"),
  /** W1: a session opened outside working time is distributed when the next period starts. */
  WORKING_HOURS("session-working-hours");

  private final String taskName;

  TimerKind(String taskName) {
    this.taskName = taskName;
  }

  /**
   * The {@code task_name} of this kind's rows in {@code scheduled_tasks}: stored, so never renamed
   * (pending rows of a renamed kind would be orphaned).
   */
  public String taskName() {
    return taskName;
  }

  /** The kind of a stored {@code task_name}. */
  public static TimerKind ofTaskName(String taskName) {
    for (TimerKind kind : values()) {
      if (kind.taskName.equals(taskName)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("No timer kind for task " + taskName);
  }
}
