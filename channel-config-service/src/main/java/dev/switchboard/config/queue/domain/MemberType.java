package dev.switchboard.config.queue.domain;

/** What a queue member is (Q1). */
public enum MemberType {
  /** One agent, by id (the OIDC subject). */
  USER,
  /** Every agent of the directory in that department. */
  DEPARTMENT
}
