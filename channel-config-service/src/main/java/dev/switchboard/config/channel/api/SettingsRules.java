package dev.switchboard.config.channel.api;

import dev.switchboard.config.shared.api.FieldErrors;
import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.events.config.settings.ChannelSections.Automation;
import dev.switchboard.events.config.settings.ChannelSections.Consent;
import dev.switchboard.events.config.settings.ChannelSections.Kpi;
import dev.switchboard.events.config.settings.ChannelSections.TimeRange;
import dev.switchboard.events.config.settings.ChannelSections.TimeoutAction;
import dev.switchboard.events.config.settings.ChannelSections.WorkingTime;
import dev.switchboard.platform.runtime.api.AgentIdRule;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The allowed ranges of the settings (FEATURES Q5-Q15, W, C, A, R, B, K, O); checks sections whose
 * defaults are already filled in and names every bad field with its path.
 */
final class SettingsRules {

  static final int TEXT_MAX = 2000;
  static final int CONSENT_TEXT_MAX = 5000;
  static final int BUTTON_LABEL_MAX = 64;
  static final int KPI_TEMPLATE_MAX = 1000;
  static final int ID_MAX = 100;
  static final int TITLE_MAX = 100;
  static final int HANDOVER_KEYWORDS_MAX = 10;
  static final int HANDOVER_KEYWORD_MAX = 50;
  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");
  private static final Pattern MACRO = Pattern.compile("#([A-Z_]+)#");
  private static final Set<String> MACROS = Set.of("OPERATOR", "DIALOG");
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

  private SettingsRules() {}

  /** A valid range of working hours and where the client sent it. */
  private record Slot(int index, LocalTime from, LocalTime to) {}

  /** Lists as sent must not hold nulls (the defaults cannot be filled in around them). */
  static void checkNoNullElements(ChannelSections sent, FieldErrors errors) {
    if (sent.routing() != null) {
      noNulls(errors, "routing.excludeFromLimit", sent.routing().excludeFromLimit());
    }
    WorkingTime w = sent.workingTime();
    if (w != null) {
      if (w.weekly() != null) {
        w.weekly().forEach((day, ranges) -> noNulls(errors, "workingTime.weekly." + day, ranges));
      }
      noNulls(errors, "workingTime.daysOff", w.daysOff());
      noNulls(errors, "workingTime.holidays", w.holidays());
      noNulls(errors, "workingTime.recurringHolidays", w.recurringHolidays());
    }
    if (sent.automation() != null) {
      noNulls(
          errors, "automation.cannedResponseListIds", sent.automation().cannedResponseListIds());
    }
    if (sent.bots() != null) {
      noNulls(errors, "bots.handoverKeywords", sent.bots().handoverKeywords());
    }
  }

  private static void noNulls(FieldErrors errors, String field, java.util.Collection<?> values) {
    if (values == null) {
      return;
    }
    int i = 0;
    for (Object value : values) {
      if (value == null) {
        errors.add(field + "[" + i + "]", "must not be null");
      }
      i++;
    }
  }

  static void check(ChannelSections s, FieldErrors errors) {
    var routing = s.routing();
    range(errors, "routing.offerTimeoutSeconds", routing.offerTimeoutSeconds(), 60, 43_200);
    range(errors, "routing.maxSessionsPerAgent", routing.maxSessionsPerAgent(), 1, 1000);

    workingTime(s.workingTime(), errors);

    consent(s.consent(), errors);

    automation(s.automation(), errors);

    if (s.quality().closeOnRating() && !s.quality().askRating()) {
      errors.add("quality.closeOnRating", "needs askRating (R1): no rating can arrive otherwise");
    }
    text(errors, "quality.ratingRequestText", s.quality().ratingRequestText(), TEXT_MAX, false);

    id(errors, "bots.botId", s.bots().botId());
    handoverKeywords(s.bots().handoverKeywords(), errors);

    kpi(s.kpi(), errors);

    text(errors, "other.widgetTitle", s.other().widgetTitle(), TITLE_MAX, false);
    if (!LANGUAGES.contains(s.other().language())) {
      errors.add("other.language", "must be an ISO 639-1 language code in lower case, e.g. en");
    }
  }

  /**
   * C1. {@code consent.version} is not checked: the server keeps it and ignores what was sent. The
   * labels and the declined text have language defaults, so only a blank or long one is refused.
   */
  private static void consent(Consent c, FieldErrors errors) {
    text(errors, "consent.text", c.text(), CONSENT_TEXT_MAX, c.enabled());
    text(errors, "consent.declinedText", c.declinedText(), TEXT_MAX, false);
    text(errors, "consent.acceptLabel", c.acceptLabel(), BUTTON_LABEL_MAX, false);
    text(errors, "consent.declineLabel", c.declineLabel(), BUTTON_LABEL_MAX, false);
  }

  private static void workingTime(WorkingTime w, FieldErrors errors) {
    try {
      ZoneId.of(w.timeZone());
    } catch (RuntimeException e) {
      errors.add("workingTime.timeZone", "must be an IANA time zone id, e.g. Europe/Madrid");
    }
    for (DayOfWeek day : DayOfWeek.values()) {
      List<TimeRange> ranges = w.weekly().get(day);
      List<Slot> valid = new ArrayList<>();
      for (int i = 0; i < ranges.size(); i++) {
        String path = "workingTime.weekly." + day + "[" + i + "]";
        TimeRange range = ranges.get(i);
        if (range == null) {
          errors.add(path, "must be {\"from\": \"HH:mm\", \"to\": \"HH:mm\"}");
          continue;
        }
        LocalTime from = time(errors, path + ".from", range.from());
        LocalTime to = time(errors, path + ".to", range.to());
        if (from == null || to == null) {
          continue;
        }
        // "24:00" is the end of the day; it is parsed as LocalTime.MAX.
        if (!from.isBefore(to)) {
          errors.add(path + ".to", "must be after from");
          continue;
        }
        valid.add(new Slot(i, from, to));
      }
      valid.sort(Comparator.comparing(Slot::from));
      LocalTime latestEnd = LocalTime.MIN;
      for (Slot slot : valid) {
        if (slot.from().isBefore(latestEnd)) {
          errors.add(
              "workingTime.weekly." + day + "[" + slot.index() + "]",
              "overlaps another range of the same day");
        }
        if (slot.to().isAfter(latestEnd)) {
          latestEnd = slot.to();
        }
      }
    }
    text(errors, "workingTime.offHoursText", w.offHoursText(), TEXT_MAX, false);
  }

  private static LocalTime time(FieldErrors errors, String field, String value) {
    if (value == null || !TIME.matcher(value).matches()) {
      errors.add(field, "must be a time HH:mm (00:00-24:00)");
      return null;
    }
    if (value.equals("24:00")) {
      return LocalTime.MAX;
    }
    try {
      return LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(field, "must be a time HH:mm (00:00-24:00)");
      return null;
    }
  }

  private static void automation(Automation a, FieldErrors errors) {
    text(errors, "automation.greetingText", a.greetingText(), TEXT_MAX, a.greetingEnabled());
    range(errors, "automation.unansweredAfterSeconds", a.unansweredAfterSeconds(), 60, 86_400);
    text(errors, "automation.closingText", a.closingText(), TEXT_MAX, a.closingEnabled());
    range(errors, "automation.ratingWaitSeconds", a.ratingWaitSeconds(), 0, 3600);
    range(
        errors,
        "automation.conversationTimeoutSeconds",
        a.conversationTimeoutSeconds(),
        60,
        604_800);
    text(
        errors,
        "automation.timeoutText",
        a.timeoutText(),
        TEXT_MAX,
        a.conversationTimeoutSeconds() != null && a.timeoutAction() == TimeoutAction.SEND_TEXT);
    Set<String> seen = new HashSet<>();
    List<String> lists = a.cannedResponseListIds();
    for (int i = 0; i < lists.size(); i++) {
      String field = "automation.cannedResponseListIds[" + i + "]";
      if (lists.get(i) == null || lists.get(i).isBlank() || lists.get(i).length() > ID_MAX) {
        errors.add(field, "must be a list id of 1-" + ID_MAX + " characters");
      } else if (!seen.add(lists.get(i))) {
        errors.add(field, "is named twice");
      }
    }
  }

  /**
   * B1's handover keywords, already stripped of surrounding spaces. A keyword named twice (ignoring
   * case) is refused, like a list id named twice, rather than silently dropped: the administrator
   * sees exactly what is stored. A keyword of punctuation only is refused too: session-service
   * ignores surrounding punctuation, so no client message could ever match it.
   */
  private static void handoverKeywords(List<String> keywords, FieldErrors errors) {
    if (keywords.size() > HANDOVER_KEYWORDS_MAX) {
      errors.add(
          "bots.handoverKeywords", "must hold at most " + HANDOVER_KEYWORDS_MAX + " keywords");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < keywords.size(); i++) {
      String field = "bots.handoverKeywords[" + i + "]";
      String keyword = keywords.get(i);
      if (keyword.isEmpty() || keyword.length() > HANDOVER_KEYWORD_MAX) {
        errors.add(
            field,
            "must be a keyword of 1-"
                + HANDOVER_KEYWORD_MAX
                + " characters (surrounding spaces do not count)");
      } else if (keyword.codePoints().noneMatch(Character::isLetterOrDigit)) {
        errors.add(
            field, "must hold a letter or a digit: the client's punctuation is ignored anyway");
      } else if (!seen.add(keyword.toLowerCase(Locale.ROOT))) {
        errors.add(field, "is named twice (ignoring case)");
      }
    }
  }

  private static void kpi(Kpi k, FieldErrors errors) {
    range(errors, "kpi.firstResponseSeconds", k.firstResponseSeconds(), 10, 86_400);
    range(errors, "kpi.subsequentResponseSeconds", k.subsequentResponseSeconds(), 10, 86_400);
    if (k.notifyAgentId() != null && !AgentIdRule.isAgentId(k.notifyAgentId())) {
      errors.add("kpi.notifyAgentId", AgentIdRule.MESSAGE + ", or null");
    }
    if (k.notifyLate() && k.notifyAgentId() == null) {
      errors.add("kpi.notifyAgentId", "is required when notifyLate (K3) is on");
    }
    if (k.notifyLate()
        && k.firstResponseSeconds() == null
        && k.subsequentResponseSeconds() == null) {
      errors.add("kpi.notifyLate", "needs firstResponseSeconds or subsequentResponseSeconds");
    }
    if (text(errors, "kpi.template", k.template(), KPI_TEMPLATE_MAX, true)) {
      Matcher macro = MACRO.matcher(k.template());
      while (macro.find()) {
        if (!MACROS.contains(macro.group(1))) {
          errors.add("kpi.template", "knows only the macros #OPERATOR# and #DIALOG#");
          break;
        }
      }
    }
  }

  private static void range(FieldErrors errors, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      errors.add(field, "must be between " + min + " and " + max);
    }
  }

  /** True when the text is present and valid. */
  private static boolean text(
      FieldErrors errors, String field, String value, int max, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(field, "is required when the setting is on");
      } else if (value != null) {
        errors.add(field, "must not be blank; send null instead");
      }
      return false;
    }
    if (value.length() > max) {
      errors.add(field, "must be at most " + max + " characters");
      return false;
    }
    return true;
  }

  private static void id(FieldErrors errors, String field, String value) {
    if (value != null && (value.isBlank() || value.length() > ID_MAX)) {
      errors.add(field, "must be null or an id of 1-" + ID_MAX + " characters");
    }
  }
}
