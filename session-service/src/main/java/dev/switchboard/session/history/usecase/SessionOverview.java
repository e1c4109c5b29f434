package dev.switchboard.session.history.usecase;

import dev.switchboard.session.conversation.store.SessionDetails;
import dev.switchboard.session.rating.store.SessionRating;

/** One session as its own {@code GET} shows it: its summary's details and its rating (or null). */
public record SessionOverview(SessionDetails details, SessionRating rating) {}
