package dev.switchboard.routing.config.messaging;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.routing.config.store.ConfigCopy;
import dev.switchboard.routing.distribution.domain.AvailabilityCheck;
import dev.switchboard.routing.distribution.domain.ChannelQueue;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ConfigMappingTest {

  private static final ObjectMapper JSON = EventJson.newObjectMapper();
  private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void theQueueIsTheExpandedAgentIdsInOrderWithTheDefaultsOfANewChannel() throws Exception {
    ChannelQueue queue =
        ConfigMapping.channelQueue(
            channel(
                7,
                Map.of(
                    "queue",
                    json(
                        """
                        {"members": [{"type": "USER", "id": "agent1"},
                                     {"type": "DEPARTMENT", "id": "d-42"}],
                         "distributionMode": "EVENLY",
                         "agentIds": ["agent1", "agent7", "agent9", "agent7"]}
                        """))));

    assertThat(queue.agentIds(), contains("agent1", "agent7", "agent9"));
    assertThat(queue.distributionMode(), equalTo(DistributionMode.EVENLY));
    assertThat(queue.checkAvailability(), equalTo(true));
    assertThat(queue.requireClockIn(), equalTo(false));
    assertThat(queue.availabilityCheck(), equalTo(AvailabilityCheck.ONLINE));
    assertThat(queue.sessionLimit(), equalTo(OptionalInt.empty()));
    assertThat(queue.version(), equalTo(7L));
  }

  @Test
  void requireClockInIsReadFromRoutingAndCountsOnlyWithTheCheckOn() throws Exception {
    ChannelQueue required =
        ConfigMapping.channelQueue(
            channel(
                1,
                Map.of(
                    "queue",
                    json("{\"agentIds\": [\"a1\"]}"),
                    "routing",
                    json("{\"checkAvailability\": true, \"requireClockIn\": true}"))));
    ChannelQueue checkOff =
        ConfigMapping.channelQueue(
            channel(
                2,
                Map.of(
                    "routing", json("{\"checkAvailability\": false, \"requireClockIn\": true}"))));
    ChannelQueue notABoolean =
        ConfigMapping.channelQueue(
            channel(3, Map.of("routing", json("{\"requireClockIn\": \"yes\"}"))));

    assertThat(required.requireClockIn(), equalTo(true));
    assertThat(required.availabilityCheck(), equalTo(AvailabilityCheck.ONLINE_AND_CLOCKED_IN));
    assertThat(checkOff.requireClockIn(), equalTo(true));
    assertThat(checkOff.availabilityCheck(), equalTo(AvailabilityCheck.OFF));
    assertThat(notABoolean.availabilityCheck(), equalTo(AvailabilityCheck.ONLINE));
  }

  @Test
  void theAvailabilityCheckAndTheSessionLimitAreRead() throws Exception {
    ChannelQueue queue =
        ConfigMapping.channelQueue(
            channel(
                1,
                Map.of(
                    "queue",
                    json("{\"agentIds\": [\"a1\"], \"distributionMode\": \"STRICT_ORDER\"}"),
                    "routing",
                    json("{\"checkAvailability\": false, \"maxSessionsPerAgent\": 3}"))));

    assertThat(queue.checkAvailability(), equalTo(false));
    assertThat(queue.sessionLimit(), equalTo(OptionalInt.of(3)));
    assertThat(queue.distributionMode(), equalTo(DistributionMode.STRICT_ORDER));
  }

  @Test
  void theIdleTimeTheLimitExclusionAndTheResponsiblePersonSwitchAreReadWithDefaults()
      throws Exception {
    ChannelQueue set =
        ConfigMapping.channelQueue(
            channel(
                1,
                Map.of(
                    "routing",
                    json(
                        "{\"offerTimeoutSeconds\": 300,"
                            + " \"excludeFromLimit\": [\"WAITING_FOR_CLIENT\", \"ANSWERED\"]}"),
                    "crm",
                    json("{\"transferToResponsible\": true}"))));
    ChannelQueue tooShort =
        ConfigMapping.channelQueue(
            channel(1, Map.of("routing", json("{\"offerTimeoutSeconds\": 5}"))));
    ChannelQueue unset = ConfigMapping.channelQueue(channel(1, Map.of()));

    assertThat(set.offerTimeout(), equalTo(java.time.Duration.ofMinutes(5)));
    assertThat(set.transferToResponsible(), equalTo(true));
    assertThat(tooShort.offerTimeout(), equalTo(java.time.Duration.ofSeconds(60)));
    assertThat(unset.offerTimeout(), equalTo(java.time.Duration.ofSeconds(60)));
    assertThat(unset.transferToResponsible(), equalTo(false));
    assertThat(
        set.limitExclusion(),
        equalTo(dev.switchboard.routing.distribution.domain.LimitExclusion.ANSWERED));
    assertThat(
        unset.limitExclusion(),
        equalTo(dev.switchboard.routing.distribution.domain.LimitExclusion.NONE));
  }

  @Test
  void closedSessionsAwaitingARatingCountOnlyWhenARatingIsAskedAndTheyAreNotExcluded()
      throws Exception {
    ChannelQueue counts =
        ConfigMapping.channelQueue(
            channel(
                1,
                Map.of(
                    "quality",
                    json("{\"askRating\": true}"),
                    "routing",
                    json("{\"excludeFromLimit\": [\"ANSWERED\"]}"))));
    ChannelQueue excluded =
        ConfigMapping.channelQueue(
            channel(
                1,
                Map.of(
                    "quality",
                    json("{\"askRating\": true}"),
                    "routing",
                    json("{\"excludeFromLimit\": [\"CLOSED_AWAITING_RATING\"]}"))));
    ChannelQueue noRating =
        ConfigMapping.channelQueue(channel(1, Map.of("quality", json("{\"askRating\": false}"))));

    assertThat(counts.countsClosedAwaitingRating(), equalTo(true));
    assertThat(excluded.countsClosedAwaitingRating(), equalTo(false));
    assertThat(noRating.countsClosedAwaitingRating(), equalTo(false));
    assertThat(
        ConfigMapping.channelQueue(channel(1, Map.of())).countsClosedAwaitingRating(),
        equalTo(false));
  }

  @Test
  void aChannelWithoutAQueueSectionHasNoAgentsAndADeletedOneKeepsOnlyItsVersion() {
    assertThat(ConfigMapping.channelQueue(channel(1, Map.of())).agentIds(), empty());

    ChannelQueue deleted =
        ConfigMapping.channelQueue(new ChannelConfigChanged("e", "c1", 4, true, null, AT));
    assertThat(deleted.deleted(), equalTo(true));
    assertThat(deleted.hasAgents(), equalTo(false));
  }

  @Test
  void theCopyKeepsOnlyAHigherVersion() throws Exception {
    ConfigCopy copy = new ConfigCopy();
    ChannelQueue v2 = ChannelQueue.evenly("c1", 2, java.util.List.of("a1"));
    ChannelQueue v1 = ChannelQueue.evenly("c1", 1, java.util.List.of("a2"));

    assertThat(copy.offer(v2), equalTo(true));
    assertThat(copy.offer(v1), equalTo(false));
    assertThat(copy.offer(v2), equalTo(false));
    assertThat(copy.channel("c1").orElseThrow().agentIds(), contains("a1"));
    assertThat(copy.channelsWithAgent("a1"), contains("c1"));
    assertThat(copy.channelsWithAgent("a2"), empty());
  }

  @Test
  void anInactiveChannelHasNobodyToServeItsLineUntilANewerVersionActivatesIt() throws Exception {
    Map<String, JsonNode> sections = Map.of("queue", json("{\"agentIds\": [\"a1\", \"a2\"]}"));
    ConfigCopy copy = new ConfigCopy();
    ChannelQueue inactive =
        ConfigMapping.channelQueue(
            new ChannelConfigChanged(
                "e-1", "c1", 1, false, new ChannelSettings("Support", false, sections), AT));
    copy.offer(inactive);

    assertThat(inactive.hasAgents(), equalTo(false));
    assertThat(inactive.contains("a1"), equalTo(false));
    assertThat(copy.channelsWithAgent("a1"), empty());

    copy.offer(ConfigMapping.channelQueue(channel(2, sections)));

    assertThat(copy.channel("c1").orElseThrow().agentIds(), contains("a1", "a2"));
    assertThat(copy.channelsWithAgent("a1"), contains("c1"));
  }

  private static ChannelConfigChanged channel(long version, Map<String, JsonNode> sections) {
    return new ChannelConfigChanged(
        "e-" + version, "c1", version, false, new ChannelSettings("Support", true, sections), AT);
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
