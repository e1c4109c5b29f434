package dev.switchboard.events.config.settings;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The settings sections of a channel (FEATURES Q5-Q15, W, C, A, R, B, K, O), each a record whose
 * {@code null} fields mean "the default". {@link #withDefaults()} fills them in: a new channel is
 * always open, asks no consent, has no bot and no capacity limit, and checks availability (API.md).
 *
 * <p>The one copy: channel-config-service validates and stores them, publishes them as the
 * top-level objects of {@code ChannelConfigChanged.settings} (this JSON), and every consumer reads
 * them back with {@link #from(dev.switchboard.events.config.ChannelSettings)}. Texts whose default
 * depends on {@code other.language} come from {@link DefaultTexts}. The {@code @Schema}
 * descriptions document the channel-config REST API (the annotations are only read there).
 */
public record ChannelSections(
    Routing routing,
    Crm crm,
    WorkingTime workingTime,
    Consent consent,
    Automation automation,
    Quality quality,
    Bots bots,
    Kpi kpi,
    Other other) {

  /** The sections' JSON names, as they stand at the top level of {@code ChannelSettings}. */
  public static final List<String> NAMES =
      List.of(
          "routing",
          "crm",
          "workingTime",
          "consent",
          "automation",
          "quality",
          "bots",
          "kpi",
          "other");

  public static final ChannelSections DEFAULTS =
      new ChannelSections(null, null, null, null, null, null, null, null, null).withDefaults();

  public ChannelSections withDefaults() {
    Other filledOther = (other == null ? Other.EMPTY : other).withDefaults();
    DefaultTexts texts = DefaultTexts.of(filledOther.language());
    return new ChannelSections(
        (routing == null ? Routing.EMPTY : routing).withDefaults(),
        (crm == null ? Crm.EMPTY : crm).withDefaults(),
        (workingTime == null ? WorkingTime.EMPTY : workingTime).withDefaults(),
        (consent == null ? Consent.EMPTY : consent).withDefaults(texts),
        (automation == null ? Automation.EMPTY : automation).withDefaults(),
        (quality == null ? Quality.EMPTY : quality).withDefaults(texts),
        (bots == null ? Bots.EMPTY : bots).withDefaults(),
        (kpi == null ? Kpi.EMPTY : kpi).withDefaults(),
        filledOther);
  }

  /**
   * A channel's published settings as these sections, defaults filled in. A section that is absent
   * (a record written before it existed) or that this version cannot read takes its defaults, so a
   * consumer never stops on one odd section.
   */
  public static ChannelSections from(dev.switchboard.events.config.ChannelSettings settings) {
    return SectionsJson.read(settings == null ? Map.of() : settings.sections());
  }

  /**
   * These sections, defaults filled in, as they are stored after {@code previous} (the channel's
   * current sections, defaults filled in): the server-managed fields follow. C1's {@code
   * consent.version} grows by one when the text changes (whatever the request sent), and a text
   * that was the previous language's default ({@link DefaultTexts}) becomes the new language's.
   */
  public ChannelSections managedAfter(ChannelSections previous) {
    ChannelSections now = withDefaults();
    DefaultTexts was = DefaultTexts.of(previous.other().language());
    DefaultTexts is = DefaultTexts.of(now.other().language());
    Consent c = now.consent();
    Consent p = previous.consent();
    int version = c.text() == null || c.text().equals(p.text()) ? p.version() : p.version() + 1;
    Consent consent =
        new Consent(
            c.enabled(),
            c.text(),
            version,
            c.untilAnswered(),
            follow(c.declinedText(), was.declinedText(), is.declinedText()),
            follow(c.acceptLabel(), was.acceptLabel(), is.acceptLabel()),
            follow(c.declineLabel(), was.declineLabel(), is.declineLabel()));
    Quality q = now.quality();
    Quality quality =
        new Quality(
            q.askRating(),
            q.closeOnRating(),
            follow(q.ratingRequestText(), was.ratingRequestText(), is.ratingRequestText()));
    return new ChannelSections(
        now.routing(),
        now.crm(),
        now.workingTime(),
        consent,
        now.automation(),
        quality,
        now.bots(),
        now.kpi(),
        now.other());
  }

  private static String follow(String value, String previousDefault, String newDefault) {
    return Objects.equals(value, previousDefault) ? newDefault : value;
  }

  /** The sections by their JSON name, in the order of the representation. */
  public Map<String, Object> byName() {
    Map<String, Object> sections = new LinkedHashMap<>();
    sections.put("routing", routing);
    sections.put("crm", crm);
    sections.put("workingTime", workingTime);
    sections.put("consent", consent);
    sections.put("automation", automation);
    sections.put("quality", quality);
    sections.put("bots", bots);
    sections.put("kpi", kpi);
    sections.put("other", other);
    return sections;
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** Q7a-c: sessions that do not count toward the per-agent limit. */
  public enum ExcludeFromLimit {
    ANSWERED,
    WAITING_FOR_CLIENT,
    CLOSED_AWAITING_RATING
  }

  /** Q8: what the client sees of the agent. */
  public enum AgentInfo {
    PROFILE,
    CHANNEL_ENTRIES,
    HIDDEN
  }

  /** Q11: how a lead is created for a client unknown to the CRM. */
  public enum LeadCreation {
    AUTOMATIC,
    MANUAL
  }

  /** A4: what happens when no agent can answer. */
  public enum NoAgentAction {
    NONE,
    OFF_HOURS_TEXT
  }

  /** W1: what happens to a session opened outside working time. */
  public enum OffHoursRouting {
    /** It waits and is distributed when the next working period starts. */
    QUEUE_UNTIL_OPEN,
    /** It is distributed at once, as in working time. */
    ROUTE_ANYWAY
  }

  /** C1: what happens to a session whose client has not answered the consent notice yet. */
  public enum UntilAnswered {
    /** It is not distributed until the client consents. */
    WAIT,
    /** It is distributed; agents see that consent is pending. */
    BANNER
  }

  /** A7: what the conversation timeout does. */
  public enum TimeoutAction {
    CLOSE_SILENTLY,
    SEND_TEXT
  }

  public record Routing(
      @Schema(description = "Q5: idle time before the offer passes on, 60-43200 s")
          Integer offerTimeoutSeconds,
      @Schema(description = "Q6: check that the agent is available") Boolean checkAvailability,
      @Schema(description = "Q6: the agent must be clocked in to the working day")
          Boolean requireClockIn,
      @Schema(description = "Q7: simultaneous sessions per agent, 1-1000; null = no limit")
          Integer maxSessionsPerAgent,
      @Schema(description = "Q7a-c: sessions that do not count toward the limit")
          Set<ExcludeFromLimit> excludeFromLimit,
      @Schema(description = "Q8: agent information shown to the client") AgentInfo agentInfo) {
    static final Routing EMPTY = new Routing(null, null, null, null, null, null);

    public Routing withDefaults() {
      return new Routing(
          or(offerTimeoutSeconds, 60),
          or(checkAvailability, true),
          or(requireClockIn, false),
          maxSessionsPerAgent,
          excludeFromLimit == null || excludeFromLimit.isEmpty()
              ? EnumSet.noneOf(ExcludeFromLimit.class)
              : EnumSet.copyOf(excludeFromLimit),
          or(agentInfo, AgentInfo.PROFILE));
    }
  }

  public record Crm(
      @Schema(description = "Q9: check the client against the CRM") Boolean checkClient,
      @Schema(description = "Q10: chat tracker") Boolean chatTracker,
      @Schema(description = "Q11: lead creation for unknown clients") LeadCreation leadCreation,
      @Schema(description = "Q12: create a lead only for a client who can be contacted again")
          Boolean leadOnlyWhenContactable,
      @Schema(description = "Q13: record the connector as the lead source")
          Boolean connectorAsLeadSource,
      @Schema(description = "Q14: transfer a recognised client to the responsible person")
          Boolean transferToResponsible,
      @Schema(description = "Q15: a manual transfer changes the responsible person")
          Boolean changeResponsibleOnTransfer) {
    static final Crm EMPTY = new Crm(null, null, null, null, null, null, null);

    public Crm withDefaults() {
      return new Crm(
          or(checkClient, false),
          or(chatTracker, false),
          or(leadCreation, LeadCreation.MANUAL),
          or(leadOnlyWhenContactable, true),
          or(connectorAsLeadSource, true),
          or(transferToResponsible, false),
          or(changeResponsibleOnTransfer, false));
    }
  }

  /** A range of working hours, {@code "HH:mm"}, {@code from} before {@code to}. */
  public record TimeRange(String from, String to) {}

  public record WorkingTime(
      @Schema(description = "W1: false = always open") Boolean enabled,
      @Schema(description = "W1: IANA time zone id") String timeZone,
      @Schema(description = "W1: working hours per weekday, non-overlapping HH:mm ranges")
          Map<DayOfWeek, List<TimeRange>> weekly,
      @Schema(description = "W1: weekdays off") Set<DayOfWeek> daysOff,
      @Schema(description = "W1: holidays, ISO dates") List<LocalDate> holidays,
      @Schema(description = "W2: automatic reply outside working time, at most 2000 characters")
          String offHoursText,
      @Schema(description = "W3: the widget shows the working time") Boolean showInWidget,
      @Schema(
              description = "W1: holidays every year, --MM-DD (e.g. --12-25)",
              example = "[\"--01-01\", \"--12-25\"]")
          List<MonthDay> recurringHolidays,
      @Schema(
              description =
                  "W1: a session opened outside working time waits for the next working period"
                      + " (QUEUE_UNTIL_OPEN, default) or is distributed at once (ROUTE_ANYWAY)")
          OffHoursRouting offHoursRouting) {
    static final WorkingTime EMPTY =
        new WorkingTime(null, null, null, null, null, null, null, null, null);

    public WorkingTime withDefaults() {
      Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
      for (DayOfWeek day : DayOfWeek.values()) {
        List<TimeRange> ranges = weekly == null ? null : weekly.get(day);
        days.put(day, ranges == null ? List.of() : List.copyOf(ranges));
      }
      return new WorkingTime(
          or(enabled, false),
          or(timeZone, "UTC"),
          days,
          daysOff == null || daysOff.isEmpty()
              ? EnumSet.noneOf(DayOfWeek.class)
              : EnumSet.copyOf(daysOff),
          holidays == null ? List.of() : holidays.stream().distinct().sorted().toList(),
          offHoursText,
          or(showInWidget, false),
          recurringHolidays == null
              ? List.of()
              : recurringHolidays.stream().distinct().sorted().toList(),
          or(offHoursRouting, OffHoursRouting.QUEUE_UNTIL_OPEN));
    }
  }

  public record Consent(
      @Schema(description = "C1: show a personal-data consent form first") Boolean enabled,
      @Schema(description = "C1: the consent text, at most 5000 characters") String text,
      @Schema(
              readOnly = true,
              description =
                  "C1: the text's version, kept by the server: 1 for the first text, +1 each time"
                      + " it changes, 0 while there is none; a value sent is ignored")
          Integer version,
      @Schema(
              description =
                  "C1: until the client answers, the session waits (WAIT, default) or is"
                      + " distributed with a banner for the agent (BANNER)")
          UntilAnswered untilAnswered,
      @Schema(
              description =
                  "C1: sent when the client declines, at most 2000 characters; default by"
                      + " other.language")
          String declinedText,
      @Schema(description = "C1: the accept button, at most 64 characters; default by language")
          String acceptLabel,
      @Schema(description = "C1: the decline button, at most 64 characters; default by language")
          String declineLabel) {
    static final Consent EMPTY = new Consent(null, null, null, null, null, null, null);

    /** {@code texts}: the defaults of the channel's language. */
    public Consent withDefaults(DefaultTexts texts) {
      return new Consent(
          or(enabled, false),
          text,
          or(version, text == null ? 0 : 1),
          or(untilAnswered, UntilAnswered.WAIT),
          or(declinedText, texts.declinedText()),
          or(acceptLabel, texts.acceptLabel()),
          or(declineLabel, texts.declineLabel()));
    }
  }

  public record Automation(
      @Schema(description = "A1: send a greeting") Boolean greetingEnabled,
      @Schema(description = "A1: the greeting, at most 2000 characters") String greetingText,
      @Schema(description = "A2: contact form in the live chat") Boolean contactForm,
      @Schema(description = "A3: unanswered after, 60-86400 s; null = never")
          Integer unansweredAfterSeconds,
      @Schema(description = "A4: when no agent can answer") NoAgentAction noAgentAction,
      @Schema(description = "A5: send a closing message") Boolean closingEnabled,
      @Schema(description = "A5: the closing message, at most 2000 characters") String closingText,
      @Schema(description = "A6: wait for the rating, 0-3600 s") Integer ratingWaitSeconds,
      @Schema(description = "A7: conversation timeout, 60-604800 s; null = none")
          Integer conversationTimeoutSeconds,
      @Schema(description = "A7: what the timeout does") TimeoutAction timeoutAction,
      @Schema(description = "A7: the text sent on timeout, at most 2000 characters")
          String timeoutText,
      @Schema(description = "A8: canned-response lists") List<String> cannedResponseListIds,
      @Schema(description = "A9: live typing") Boolean liveTyping) {
    static final Automation EMPTY =
        new Automation(
            null, null, null, null, null, null, null, null, null, null, null, null, null);

    public Automation withDefaults() {
      return new Automation(
          or(greetingEnabled, false),
          greetingText,
          or(contactForm, false),
          unansweredAfterSeconds,
          or(noAgentAction, NoAgentAction.NONE),
          or(closingEnabled, false),
          closingText,
          or(ratingWaitSeconds, 0),
          conversationTimeoutSeconds,
          or(timeoutAction, TimeoutAction.CLOSE_SILENTLY),
          timeoutText,
          cannedResponseListIds == null ? List.of() : List.copyOf(cannedResponseListIds),
          or(liveTyping, false));
    }
  }

  public record Quality(
      @Schema(description = "R1: ask the client for a rating") Boolean askRating,
      @Schema(description = "R2: close the session when the rating arrives") Boolean closeOnRating,
      @Schema(
              description =
                  "R1: the rating request, at most 2000 characters; default by other.language")
          String ratingRequestText) {
    static final Quality EMPTY = new Quality(null, null, null);

    /** {@code texts}: the defaults of the channel's language. */
    public Quality withDefaults(DefaultTexts texts) {
      return new Quality(
          or(askRating, false),
          or(closeOnRating, false),
          or(ratingRequestText, texts.ratingRequestText()));
    }
  }

  public record Bots(
      @Schema(description = "B1: the bot that takes new sessions first") String botId,
      @Schema(
              description =
                  "B1: a client message equal to one of these (ignoring case and surrounding"
                      + " spaces and punctuation) hands the session to a person; at most 10, each"
                      + " 1-50 characters, none twice ignoring case; [] = none")
          List<String> handoverKeywords) {
    static final Bots EMPTY = new Bots(null, null);

    /**
     * Keywords are kept without their surrounding spaces, so {@code " Operator "} and {@code
     * "Operator"} are one setting (and sending either back makes no new version).
     */
    public Bots withDefaults() {
      return new Bots(
          botId,
          handoverKeywords == null
              ? List.of()
              : handoverKeywords.stream().map(k -> k == null ? null : k.strip()).toList());
    }
  }

  public record Kpi(
      @Schema(description = "K1: first response limit, 10-86400 s; null = none")
          Integer firstResponseSeconds,
      @Schema(description = "K2: subsequent response limit, 10-86400 s; null = none")
          Integer subsequentResponseSeconds,
      @Schema(description = "K3: notify when late") Boolean notifyLate,
      @Schema(description = "K4: the agent notified") String notifyAgentId,
      @Schema(description = "K5: template, at most 1000 characters, macros #OPERATOR# #DIALOG#")
          String template) {
    public static final String DEFAULT_TEMPLATE = "#OPERATOR# has not answered #DIALOG# in time";
    static final Kpi EMPTY = new Kpi(null, null, null, null, null);

    public Kpi withDefaults() {
      return new Kpi(
          firstResponseSeconds,
          subsequentResponseSeconds,
          or(notifyLate, false),
          notifyAgentId,
          or(template, DEFAULT_TEMPLATE));
    }
  }

  public record Other(
      @Schema(description = "O1: the live chat's own title, shown instead of the name")
          String widgetTitle,
      @Schema(description = "O3: save the message log") Boolean saveHistory,
      @Schema(description = "O4: ISO 639-1 language of e-mails to clients") String language) {
    static final Other EMPTY = new Other(null, null, null);

    public Other withDefaults() {
      return new Other(widgetTitle, or(saveHistory, true), or(language, "en"));
    }
  }
}
