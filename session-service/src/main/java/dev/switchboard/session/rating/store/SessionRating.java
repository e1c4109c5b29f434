package dev.switchboard.session.rating.store;

import java.time.Instant;

/** The client's rating of one session (R1). */
public record SessionRating(int score, String comment, Instant ratedAt) {}
