package dev.switchboard.config.canned.domain;

import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A8: one predefined answer; agents find it by its shortcut or its text. */
public record CannedResponse(
    @Schema(
            required = true,
            maxLength = CannedResponse.SHORTCUT_MAX_LENGTH,
            description = "What the agent types to find it; no spaces, unique in its list")
        String shortcut,
    @Schema(required = true, maxLength = CannedResponse.TEXT_MAX_LENGTH) String text) {

  public static final int SHORTCUT_MAX_LENGTH = 50;
  public static final int TEXT_MAX_LENGTH = 2000;

  /** Whether {@code query} (lower case) occurs in the shortcut or the text, ignoring case. */
  public boolean matches(String lowerCaseQuery) {
    return shortcut.toLowerCase(Locale.ROOT).contains(lowerCaseQuery)
        || text.toLowerCase(Locale.ROOT).contains(lowerCaseQuery);
  }
}
