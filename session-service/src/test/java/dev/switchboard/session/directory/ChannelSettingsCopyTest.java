package dev.switchboard.session.directory;

import static dev.switchboard.session.directory.ChannelCopies.awaitVersion;
import static dev.switchboard.session.directory.ChannelCopies.column;
import static dev.switchboard.session.directory.ChannelCopies.publish;
import static dev.switchboard.session.directory.ChannelCopies.publishDeletion;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.events.config.settings.ChannelSections.OffHoursRouting;
import dev.switchboard.events.config.settings.ChannelSections.UntilAnswered;
import dev.switchboard.session.directory.store.ChannelCopy;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.DayOfWeek;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: session-service keeps each channel's whole settings from {@code oc.config.channels.v1}
 * and reads them as typed sections with defaults.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class ChannelSettingsCopyTest {

  @Test
  void theCopyKeepsEverySectionAndReadsItTypedWithDefaults() throws Exception {
    String channelId = UUID.randomUUID().toString();
    ObjectNode workingTime =
        JsonNodeFactory.instance
            .objectNode()
            .put("enabled", true)
            .put("timeZone", "Europe/Madrid")
            .put("offHoursText", "We are closed")
            .put("offHoursRouting", "ROUTE_ANYWAY");
    workingTime.putArray("recurringHolidays").add("--12-25");
    workingTime
        .putObject("weekly")
        .putArray("MONDAY")
        .addObject()
        .put("from", "09:00")
        .put("to", "18:00");
    ObjectNode consent =
        JsonNodeFactory.instance
            .objectNode()
            .put("enabled", true)
            .put("text", "We keep your data")
            .put("version", 3)
            .put("untilAnswered", "BANNER");
    ObjectNode other = JsonNodeFactory.instance.objectNode().put("language", "ru");
    publish(channelId, 1, Map.of("workingTime", workingTime, "consent", consent, "other", other));

    ChannelSections settings = awaitSettings(channelId, 1);

    assertThat(settings.workingTime().enabled(), equalTo(true));
    assertThat(settings.workingTime().timeZone(), equalTo("Europe/Madrid"));
    assertThat(settings.workingTime().weekly().get(DayOfWeek.MONDAY).size(), equalTo(1));
    assertThat(settings.workingTime().recurringHolidays(), equalTo(List.of(MonthDay.of(12, 25))));
    assertThat(settings.workingTime().offHoursRouting(), equalTo(OffHoursRouting.ROUTE_ANYWAY));
    assertThat(settings.consent().version(), equalTo(3));
    assertThat(settings.consent().untilAnswered(), equalTo(UntilAnswered.BANNER));
    // Not published: the defaults, in the channel's language.
    assertThat(settings.consent().acceptLabel(), equalTo("Согласен"));
    assertThat(settings.routing().offerTimeoutSeconds(), equalTo(60));
    // The columns read before the whole settings were kept still work.
    assertThat(column(channelId, "off_hours_text"), equalTo("We are closed"));

    // A newer version replaces the settings; a deletion leaves the defaults.
    publish(channelId, 2, Map.of("other", other));
    assertThat(awaitSettings(channelId, 2).workingTime().enabled(), equalTo(false));
    publishDeletion(channelId, 3);
    awaitVersion(channelId, 3);
    assertThat(column(channelId, "settings"), nullValue());
  }

  @Test
  void aRowWithoutSettingsReadsAsTheDefaults() {
    ChannelCopy copy = new ChannelCopy();
    copy.channelId = "c1";
    assertThat(copy.settings(), equalTo(ChannelSections.DEFAULTS));
  }

  private static ChannelSections awaitSettings(String channelId, long version) throws Exception {
    awaitVersion(channelId, version);
    ChannelCopy copy = new ChannelCopy();
    copy.channelId = channelId;
    copy.settingsJson = column(channelId, "settings");
    return copy.settings();
  }
}
