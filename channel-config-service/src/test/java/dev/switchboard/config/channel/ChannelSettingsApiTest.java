package dev.switchboard.config.channel;

import static dev.switchboard.config.Api.admin;
import static dev.switchboard.config.Api.botToken;
import static dev.switchboard.config.Api.json;
import static dev.switchboard.config.Api.newBotId;
import static dev.switchboard.config.Api.newChannel;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.Topics;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The channel's settings sections (FEATURES Q5-Q15, W1-W3, C1, A1-A9, R1-R2, B1, K1-K5, O1-O4):
 * defaults, one accepted and one refused value per FEATURES id, If-Match, read-only fields, the O2
 * guard and the announcement. The README maps each id to its cases here.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class ChannelSettingsApiTest {

  private static final Pattern LONG = Pattern.compile("\\$(\\d+)\\$");

  /** {@code '} stands for {@code "}; {@code $2001$} for a text of 2001 characters. */
  static String body(String text) {
    Matcher longText = LONG.matcher(text.replace('\'', '"'));
    StringBuilder out = new StringBuilder();
    while (longText.find()) {
      longText.appendReplacement(out, "x".repeat(Integer.parseInt(longText.group(1))));
    }
    return longText.appendTail(out).toString();
  }

  private static ExtractableResponse<Response> put(String channelId, String body) {
    return admin().body(body).when().put("/api/v1/channels/" + channelId).then().extract();
  }

  private static JsonNode get(String channelId) {
    return json(
        admin()
            .when()
            .get("/api/v1/channels/" + channelId)
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  private static List<String> errorFields(ExtractableResponse<Response> answer) {
    return answer.jsonPath().getList("errors.field", String.class);
  }

  /** FEATURES id, a body that must be accepted, a JSON pointer into GET, the value found there. */
  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of(
            "Q5",
            "{'routing':{'offerTimeoutSeconds':43200}}",
            "/routing/offerTimeoutSeconds",
            "43200"),
        Arguments.of(
            "Q5", "{'routing':{'offerTimeoutSeconds':60}}", "/routing/offerTimeoutSeconds", "60"),
        Arguments.of(
            "Q6", "{'routing':{'checkAvailability':false}}", "/routing/checkAvailability", "false"),
        Arguments.of(
            "Q6", "{'routing':{'requireClockIn':true}}", "/routing/requireClockIn", "true"),
        Arguments.of(
            "Q7",
            "{'routing':{'maxSessionsPerAgent':1000}}",
            "/routing/maxSessionsPerAgent",
            "1000"),
        Arguments.of(
            "Q7a",
            "{'routing':{'excludeFromLimit':['ANSWERED']}}",
            "/routing/excludeFromLimit",
            "['ANSWERED']"),
        Arguments.of(
            "Q7b",
            "{'routing':{'excludeFromLimit':['WAITING_FOR_CLIENT']}}",
            "/routing/excludeFromLimit",
            "['WAITING_FOR_CLIENT']"),
        Arguments.of(
            "Q7c",
            "{'routing':{'excludeFromLimit':['CLOSED_AWAITING_RATING']}}",
            "/routing/excludeFromLimit",
            "['CLOSED_AWAITING_RATING']"),
        Arguments.of("Q8", "{'routing':{'agentInfo':'HIDDEN'}}", "/routing/agentInfo", "'HIDDEN'"),
        Arguments.of("Q9", "{'crm':{'checkClient':true}}", "/crm/checkClient", "true"),
        Arguments.of("Q10", "{'crm':{'chatTracker':true}}", "/crm/chatTracker", "true"),
        Arguments.of(
            "Q11", "{'crm':{'leadCreation':'AUTOMATIC'}}", "/crm/leadCreation", "'AUTOMATIC'"),
        Arguments.of(
            "Q12",
            "{'crm':{'leadOnlyWhenContactable':false}}",
            "/crm/leadOnlyWhenContactable",
            "false"),
        Arguments.of(
            "Q13",
            "{'crm':{'connectorAsLeadSource':false}}",
            "/crm/connectorAsLeadSource",
            "false"),
        Arguments.of(
            "Q14", "{'crm':{'transferToResponsible':true}}", "/crm/transferToResponsible", "true"),
        Arguments.of(
            "Q15",
            "{'crm':{'changeResponsibleOnTransfer':true}}",
            "/crm/changeResponsibleOnTransfer",
            "true"),
        Arguments.of(
            "W1",
            "{'workingTime':{'enabled':true,'timeZone':'Europe/Madrid','weekly':{'MONDAY':[{'from':'14:00','to':'24:00'},{'from':'09:00','to':'13:00'}]},'daysOff':['SUNDAY'],'holidays':['2026-12-25']}}",
            "/workingTime",
            "{'enabled':true,'timeZone':'Europe/Madrid','weekly':{'MONDAY':[{'from':'14:00','to':'24:00'},{'from':'09:00','to':'13:00'}],'TUESDAY':[],'WEDNESDAY':[],'THURSDAY':[],'FRIDAY':[],'SATURDAY':[],'SUNDAY':[]},'daysOff':['SUNDAY'],'holidays':['2026-12-25'],'offHoursText':null,'showInWidget':false,'recurringHolidays':[],'offHoursRouting':'QUEUE_UNTIL_OPEN'}"),
        Arguments.of(
            "W2",
            "{'workingTime':{'offHoursText':'$2000$'}}",
            "/workingTime/offHoursText",
            "'$2000$'"),
        Arguments.of(
            "W3", "{'workingTime':{'showInWidget':true}}", "/workingTime/showInWidget", "true"),
        Arguments.of(
            "C1",
            "{'consent':{'enabled':true,'text':'We keep your data for 30 days.'}}",
            "/consent",
            "{'enabled':true,'text':'We keep your data for 30 days.','version':1,'untilAnswered':'WAIT',"
                + "'declinedText':'Without your consent we cannot continue this conversation.',"
                + "'acceptLabel':'Accept','declineLabel':'Decline'}"),
        Arguments.of(
            "W1",
            "{'workingTime':{'recurringHolidays':['--12-25','--01-06','--12-25']}}",
            "/workingTime/recurringHolidays",
            "['--01-06','--12-25']"),
        Arguments.of(
            "W1",
            "{'workingTime':{'offHoursRouting':'ROUTE_ANYWAY'}}",
            "/workingTime/offHoursRouting",
            "'ROUTE_ANYWAY'"),
        Arguments.of(
            "C1", "{'consent':{'untilAnswered':'BANNER'}}", "/consent/untilAnswered", "'BANNER'"),
        Arguments.of(
            "C1", "{'consent':{'declinedText':'$2000$'}}", "/consent/declinedText", "'$2000$'"),
        Arguments.of("C1", "{'consent':{'acceptLabel':'$64$'}}", "/consent/acceptLabel", "'$64$'"),
        Arguments.of(
            "C1",
            "{'consent':{'declineLabel':'No, thanks'}}",
            "/consent/declineLabel",
            "'No, thanks'"),
        Arguments.of(
            "R1",
            "{'quality':{'ratingRequestText':'$2000$'}}",
            "/quality/ratingRequestText",
            "'$2000$'"),
        Arguments.of(
            "A1",
            "{'automation':{'greetingEnabled':true,'greetingText':'Hello!'}}",
            "/automation/greetingText",
            "'Hello!'"),
        Arguments.of(
            "A2", "{'automation':{'contactForm':true}}", "/automation/contactForm", "true"),
        Arguments.of(
            "A3",
            "{'automation':{'unansweredAfterSeconds':300}}",
            "/automation/unansweredAfterSeconds",
            "300"),
        Arguments.of(
            "A4",
            "{'automation':{'noAgentAction':'OFF_HOURS_TEXT'}}",
            "/automation/noAgentAction",
            "'OFF_HOURS_TEXT'"),
        Arguments.of(
            "A5",
            "{'automation':{'closingEnabled':true,'closingText':'Bye'}}",
            "/automation/closingText",
            "'Bye'"),
        Arguments.of(
            "A6",
            "{'automation':{'ratingWaitSeconds':3600}}",
            "/automation/ratingWaitSeconds",
            "3600"),
        Arguments.of(
            "A6", "{'automation':{'ratingWaitSeconds':0}}", "/automation/ratingWaitSeconds", "0"),
        Arguments.of(
            "A7",
            "{'automation':{'conversationTimeoutSeconds':600,'timeoutAction':'SEND_TEXT','timeoutText':'Closed for now'}}",
            "/automation/timeoutAction",
            "'SEND_TEXT'"),
        // A8 accepted: CannedResponseListApiTest (the lists must exist).
        Arguments.of("A9", "{'automation':{'liveTyping':true}}", "/automation/liveTyping", "true"),
        Arguments.of("R1", "{'quality':{'askRating':true}}", "/quality/askRating", "true"),
        Arguments.of(
            "R2",
            "{'quality':{'askRating':true,'closeOnRating':true}}",
            "/quality/closeOnRating",
            "true"),
        Arguments.of("B1", "{'bots':{'botId':'faq-bot'}}", "/bots/botId", "'faq-bot'"),
        Arguments.of(
            "B1",
            "{'bots':{'handoverKeywords':['  Operator ','hablar con una persona','$50$']}}",
            "/bots/handoverKeywords",
            "['Operator','hablar con una persona','$50$']"),
        Arguments.of(
            "B1",
            "{'bots':{'handoverKeywords':['k1','k2','k3','k4','k5','k6','k7','k8','k9','k10']}}",
            "/bots/handoverKeywords",
            "['k1','k2','k3','k4','k5','k6','k7','k8','k9','k10']"),
        Arguments.of(
            "K1", "{'kpi':{'firstResponseSeconds':60}}", "/kpi/firstResponseSeconds", "60"),
        Arguments.of(
            "K2",
            "{'kpi':{'subsequentResponseSeconds':120}}",
            "/kpi/subsequentResponseSeconds",
            "120"),
        Arguments.of(
            "K3",
            "{'kpi':{'notifyLate':true,'notifyAgentId':'sup1','firstResponseSeconds':60}}",
            "/kpi/notifyLate",
            "true"),
        Arguments.of("K4", "{'kpi':{'notifyAgentId':'sup1'}}", "/kpi/notifyAgentId", "'sup1'"),
        Arguments.of(
            "K5",
            "{'kpi':{'template':'#OPERATOR# is late in #DIALOG#'}}",
            "/kpi/template",
            "'#OPERATOR# is late in #DIALOG#'"),
        Arguments.of(
            "O1",
            "{'name':'Sales','other':{'widgetTitle':'Talk to sales'}}",
            "/other/widgetTitle",
            "'Talk to sales'"),
        Arguments.of("O1", "{'name':'  Sales desk '}", "/name", "'Sales desk'"),
        Arguments.of("O2", "{'active':false}", "/active", "false"),
        Arguments.of("O3", "{'other':{'saveHistory':false}}", "/other/saveHistory", "false"),
        Arguments.of("O4", "{'other':{'language':'es'}}", "/other/language", "'es'"));
  }

  /** FEATURES id, a body that must be refused, the field the 400 names. */
  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("Q5", "{'routing':{'offerTimeoutSeconds':59}}", "routing.offerTimeoutSeconds"),
        Arguments.of(
            "Q5", "{'routing':{'offerTimeoutSeconds':43201}}", "routing.offerTimeoutSeconds"),
        Arguments.of(
            "Q6", "{'routing':{'checkAvailability':'maybe'}}", "routing.checkAvailability"),
        Arguments.of("Q7", "{'routing':{'maxSessionsPerAgent':0}}", "routing.maxSessionsPerAgent"),
        Arguments.of(
            "Q7", "{'routing':{'maxSessionsPerAgent':1001}}", "routing.maxSessionsPerAgent"),
        Arguments.of(
            "Q7a",
            "{'routing':{'excludeFromLimit':['ANSWERED','ALL']}}",
            "routing.excludeFromLimit[1]"),
        Arguments.of(
            "Q7b", "{'routing':{'excludeFromLimit':['WAITING']}}", "routing.excludeFromLimit[0]"),
        Arguments.of(
            "Q7c", "{'routing':{'excludeFromLimit':['CLOSED']}}", "routing.excludeFromLimit[0]"),
        Arguments.of("Q8", "{'routing':{'agentInfo':'PHOTO'}}", "routing.agentInfo"),
        Arguments.of("Q9", "{'crm':{'checkClient':'x'}}", "crm.checkClient"),
        Arguments.of("Q10", "{'crm':{'chatTracker':'x'}}", "crm.chatTracker"),
        Arguments.of("Q11", "{'crm':{'leadCreation':'SOMETIMES'}}", "crm.leadCreation"),
        Arguments.of(
            "Q12", "{'crm':{'leadOnlyWhenContactable':'x'}}", "crm.leadOnlyWhenContactable"),
        Arguments.of("Q13", "{'crm':{'connectorAsLeadSource':'x'}}", "crm.connectorAsLeadSource"),
        Arguments.of("Q14", "{'crm':{'transferToResponsible':'x'}}", "crm.transferToResponsible"),
        Arguments.of(
            "Q15",
            "{'crm':{'changeResponsibleOnTransfer':'x'}}",
            "crm.changeResponsibleOnTransfer"),
        Arguments.of(
            "W1", "{'workingTime':{'timeZone':'Mars/Olympus_Mons'}}", "workingTime.timeZone"),
        Arguments.of(
            "W1",
            "{'workingTime':{'weekly':{'MONDAY':[{'from':'09:00','to':'18:00'},{'from':'12:00','to':'13:00'}]}}}",
            "workingTime.weekly.MONDAY[1]"),
        Arguments.of(
            "W1",
            "{'workingTime':{'weekly':{'MONDAY':[{'from':'08:00','to':'09:00'},{'from':'9:00','to':'18:00'}]}}}",
            "workingTime.weekly.MONDAY[1].from"),
        Arguments.of(
            "W1",
            "{'workingTime':{'weekly':{'FRIDAY':[{'from':'18:00','to':'09:00'}]}}}",
            "workingTime.weekly.FRIDAY[0].to"),
        Arguments.of(
            "W1", "{'workingTime':{'holidays':['2026-02-30']}}", "workingTime.holidays[0]"),
        Arguments.of("W1", "{'workingTime':{'daysOff':['FUNDAY']}}", "workingTime.daysOff[0]"),
        Arguments.of("W1", "{'workingTime':{'weekly':{'FUNDAY':[]}}}", "workingTime.weekly"),
        Arguments.of("W2", "{'workingTime':{'offHoursText':'$2001$'}}", "workingTime.offHoursText"),
        Arguments.of("W3", "{'workingTime':{'showInWidget':'x'}}", "workingTime.showInWidget"),
        Arguments.of("C1", "{'consent':{'enabled':true}}", "consent.text"),
        Arguments.of(
            "W1",
            "{'workingTime':{'recurringHolidays':['--02-30']}}",
            "workingTime.recurringHolidays[0]"),
        Arguments.of(
            "W1",
            "{'workingTime':{'recurringHolidays':['12-25']}}",
            "workingTime.recurringHolidays[0]"),
        Arguments.of(
            "W1", "{'workingTime':{'offHoursRouting':'SOMETIMES'}}", "workingTime.offHoursRouting"),
        Arguments.of("C1", "{'consent':{'untilAnswered':'NEVER'}}", "consent.untilAnswered"),
        Arguments.of("C1", "{'consent':{'declinedText':'$2001$'}}", "consent.declinedText"),
        Arguments.of("C1", "{'consent':{'declinedText':'  '}}", "consent.declinedText"),
        Arguments.of("C1", "{'consent':{'acceptLabel':'$65$'}}", "consent.acceptLabel"),
        Arguments.of("C1", "{'consent':{'declineLabel':' '}}", "consent.declineLabel"),
        Arguments.of(
            "R1", "{'quality':{'ratingRequestText':'$2001$'}}", "quality.ratingRequestText"),
        Arguments.of("C1", "{'consent':{'enabled':true,'text':'$5001$'}}", "consent.text"),
        Arguments.of(
            "A1",
            "{'automation':{'greetingEnabled':true,'greetingText':'  '}}",
            "automation.greetingText"),
        Arguments.of("A2", "{'automation':{'contactForm':'x'}}", "automation.contactForm"),
        Arguments.of(
            "A3",
            "{'automation':{'unansweredAfterSeconds':30}}",
            "automation.unansweredAfterSeconds"),
        Arguments.of("A4", "{'automation':{'noAgentAction':'PANIC'}}", "automation.noAgentAction"),
        Arguments.of(
            "A5",
            "{'automation':{'closingEnabled':true,'closingText':'$2001$'}}",
            "automation.closingText"),
        Arguments.of(
            "A6", "{'automation':{'ratingWaitSeconds':3601}}", "automation.ratingWaitSeconds"),
        Arguments.of(
            "A6", "{'automation':{'ratingWaitSeconds':-1}}", "automation.ratingWaitSeconds"),
        Arguments.of(
            "A7",
            "{'automation':{'conversationTimeoutSeconds':600,'timeoutAction':'SEND_TEXT'}}",
            "automation.timeoutText"),
        Arguments.of(
            "A7",
            "{'automation':{'conversationTimeoutSeconds':10}}",
            "automation.conversationTimeoutSeconds"),
        Arguments.of(
            "A7", "{'automation':{'timeoutAction':'EXPLODE'}}", "automation.timeoutAction"),
        Arguments.of(
            "A8",
            "{'automation':{'cannedResponseListIds':['faq','faq']}}",
            "automation.cannedResponseListIds[1]"),
        Arguments.of("A9", "{'automation':{'liveTyping':'x'}}", "automation.liveTyping"),
        Arguments.of("R1", "{'quality':{'askRating':'x'}}", "quality.askRating"),
        Arguments.of(
            "R2", "{'quality':{'askRating':false,'closeOnRating':true}}", "quality.closeOnRating"),
        Arguments.of("B1", "{'bots':{'botId':''}}", "bots.botId"),
        Arguments.of(
            "B1",
            "{'bots':{'handoverKeywords':['k1','k2','k3','k4','k5','k6','k7','k8','k9','k10','k11']}}",
            "bots.handoverKeywords"),
        Arguments.of(
            "B1", "{'bots':{'handoverKeywords':['operator','  ']}}", "bots.handoverKeywords[1]"),
        Arguments.of("B1", "{'bots':{'handoverKeywords':['']}}", "bots.handoverKeywords[0]"),
        Arguments.of("B1", "{'bots':{'handoverKeywords':['$51$']}}", "bots.handoverKeywords[0]"),
        Arguments.of(
            "B1",
            "{'bots':{'handoverKeywords':['agent','operator',' OPERATOR']}}",
            "bots.handoverKeywords[2]"),
        Arguments.of("B1", "{'bots':{'handoverKeywords':['?!']}}", "bots.handoverKeywords[0]"),
        Arguments.of("B1", "{'bots':{'handoverKeywords':'operator'}}", "bots.handoverKeywords"),
        Arguments.of("K1", "{'kpi':{'firstResponseSeconds':5}}", "kpi.firstResponseSeconds"),
        Arguments.of(
            "K2", "{'kpi':{'subsequentResponseSeconds':86401}}", "kpi.subsequentResponseSeconds"),
        Arguments.of(
            "K3", "{'kpi':{'notifyLate':true,'firstResponseSeconds':60}}", "kpi.notifyAgentId"),
        Arguments.of("K4", "{'kpi':{'notifyAgentId':'$129$'}}", "kpi.notifyAgentId"),
        Arguments.of("K4", "{'kpi':{'notifyAgentId':'bob:sessions'}}", "kpi.notifyAgentId"),
        Arguments.of("K5", "{'kpi':{'template':'$1001$'}}", "kpi.template"),
        Arguments.of("K5", "{'kpi':{'template':'#MANAGER# is late'}}", "kpi.template"),
        Arguments.of("O1", "{'name':' '}", "name"),
        Arguments.of("O1", "{'other':{'widgetTitle':'$101$'}}", "other.widgetTitle"),
        Arguments.of("O2", "{'active':'x'}", "active"),
        Arguments.of("O3", "{'other':{'saveHistory':'x'}}", "other.saveHistory"),
        Arguments.of("O4", "{'other':{'language':'english'}}", "other.language"),
        Arguments.of("API", "{'routing':{'offerTimeout':60}}", "routing.offerTimeout"),
        Arguments.of("API", "{'colour':'red'}", "colour"),
        Arguments.of(
            "API", "{'routing':{'excludeFromLimit':[null]}}", "routing.excludeFromLimit[0]"),
        Arguments.of(
            "API", "{'workingTime':{'weekly':{'MONDAY':[null]}}}", "workingTime.weekly.MONDAY[0]"),
        Arguments.of("API", "{'workingTime':{'holidays':[null]}}", "workingTime.holidays[0]"),
        Arguments.of(
            "API",
            "{'workingTime':{'recurringHolidays':[null]}}",
            "workingTime.recurringHolidays[0]"),
        Arguments.of(
            "API",
            "{'automation':{'cannedResponseListIds':[null]}}",
            "automation.cannedResponseListIds[0]"),
        Arguments.of(
            "API", "{'bots':{'handoverKeywords':['human',null]}}", "bots.handoverKeywords[1]"));
  }

  @ParameterizedTest(name = "{0} accepts {1}")
  @MethodSource("accepted")
  void anAcceptedSettingIsStoredAndShown(String id, String body, String pointer, String shown) {
    String channelId = newChannel();
    ExtractableResponse<Response> answer = put(channelId, body(body));
    assertThat(answer.asString(), answer.statusCode(), equalTo(200));
    // A value equal to the default makes no new version.
    assertThat(answer.header("ETag"), equalTo("\"" + answer.path("version") + "\""));
    assertThat(json(answer.asString()).at(pointer), equalTo(json(body(shown))));
    assertThat(get(channelId).at(pointer), equalTo(json(body(shown))));
  }

  @ParameterizedTest(name = "{0} refuses {1}")
  @MethodSource("refused")
  void aRefusedSettingIsA400NamingTheField(String id, String body, String field) {
    String channelId = newChannel();
    ExtractableResponse<Response> answer = put(channelId, body(body));
    assertThat(answer.asString(), answer.statusCode(), equalTo(400));
    assertThat(answer.contentType(), containsString("application/problem+json"));
    assertThat(answer.asString(), errorFields(answer), hasItem(field));
    assertThat(get(channelId).path("version").asLong(), equalTo(1L));
  }

  @Test
  void aNewChannelHasSafeDefaults() {
    JsonNode channel = get(newChannel());
    assertThat(channel.at("/workingTime/enabled").asBoolean(), equalTo(false));
    assertThat(channel.at("/consent/enabled").asBoolean(), equalTo(false));
    assertThat(channel.at("/bots/botId").isNull(), equalTo(true));
    assertThat(channel.at("/bots/handoverKeywords"), equalTo(json("[]")));
    assertThat(channel.at("/routing/maxSessionsPerAgent").isNull(), equalTo(true));
    assertThat(channel.at("/routing/checkAvailability").asBoolean(), equalTo(true));
    assertThat(channel.at("/routing/offerTimeoutSeconds").asInt(), equalTo(60));
    assertThat(channel.at("/automation/ratingWaitSeconds").asInt(), equalTo(0));
    assertThat(channel.at("/other/language").asText(), equalTo("en"));
    assertThat(channel.at("/kpi/template").asText(), containsString("#OPERATOR#"));
    assertThat(channel.at("/workingTime/offHoursRouting").asText(), equalTo("QUEUE_UNTIL_OPEN"));
    assertThat(channel.at("/consent/untilAnswered").asText(), equalTo("WAIT"));
    assertThat(channel.at("/consent/version").asInt(), equalTo(0));
    assertThat(channel.at("/consent/acceptLabel").asText(), equalTo("Accept"));
    assertThat(
        channel.at("/quality/ratingRequestText").asText(),
        equalTo("Please rate our conversation from 1 (bad) to 5 (excellent)."));
  }

  @Test
  void theConsentVersionIsTheServersAndGrowsWhenTheTextChanges() {
    String channelId = newChannel();
    ExtractableResponse<Response> answer =
        put(channelId, body("{'consent':{'enabled':true,'text':'First text','version':42}}"));
    assertThat(answer.asString(), answer.statusCode(), equalTo(200));
    assertThat(answer.path("consent.version"), equalTo(1));

    // What GET answers, sent back with another version: ignored, nothing changes.
    JsonNode channel = get(channelId);
    ((ObjectNode) channel.path("consent")).put("version", 7);
    answer = put(channelId, channel.toString());
    assertThat(answer.header("ETag"), equalTo("\"2\""));
    assertThat(answer.path("consent.version"), equalTo(1));

    ((ObjectNode) channel.path("consent")).put("text", "Second text");
    channel = json(put(channelId, channel.toString()).asString());
    assertThat(channel.at("/consent/version").asInt(), equalTo(2));
    assertThat(get(channelId).at("/consent/version").asInt(), equalTo(2));
  }

  @Test
  void textsLeftAtTheirDefaultFollowTheLanguageAndOwnTextsStay() {
    String channelId = newChannel();
    JsonNode channel = get(channelId);
    ((ObjectNode) channel.path("consent")).put("declineLabel", "Nope");
    ((ObjectNode) channel.path("other")).put("language", "de");
    JsonNode german = json(put(channelId, channel.toString()).asString());

    assertThat(german.at("/consent/acceptLabel").asText(), equalTo("Zustimmen"));
    assertThat(german.at("/consent/declineLabel").asText(), equalTo("Nope"));
    assertThat(
        german.at("/quality/ratingRequestText").asText(),
        equalTo("Bitte bewerten Sie unser Gespräch von 1 (schlecht) bis 5 (ausgezeichnet)."));
  }

  @Test
  void theOpenApiDocumentDescribesTheNewSettings() {
    String openApi = admin().when().get("/q/openapi?format=json").then().extract().asString();
    assertThat(openApi, containsString("W1: holidays every year, --MM-DD"));
    assertThat(openApi, containsString("C1: the text's version, kept by the server"));
    assertThat(openApi, containsString("R1: the rating request, at most 2000 characters"));
    // A setting documented before the records moved to platform-events keeps its description.
    assertThat(openApi, containsString("Q5: idle time before the offer passes on"));
  }

  @Test
  void whatGetAnswersIsAcceptedBackAndAnUnchangedChannelMakesNoNewVersion() {
    String channelId = newChannel();
    JsonNode channel = get(channelId);
    ExtractableResponse<Response> answer = put(channelId, channel.toString());
    assertThat(answer.asString(), answer.statusCode(), equalTo(200));
    assertThat(answer.header("ETag"), equalTo("\"1\""));

    ((ObjectNode) channel.path("routing")).put("offerTimeoutSeconds", 120);
    answer = put(channelId, channel.toString());
    assertThat(answer.asString(), answer.statusCode(), equalTo(200));
    assertThat(answer.header("ETag"), equalTo("\"2\""));
    assertThat(answer.path("routing.offerTimeoutSeconds"), equalTo(120));
  }

  @Test
  void changedReadOnlyFieldsAreA400AndAStaleVersionInTheBodyA412() {
    String channelId = newChannel();
    JsonNode channel = get(channelId);

    ObjectNode otherId = channel.deepCopy();
    otherId.put("id", java.util.UUID.randomUUID().toString());
    assertThat(errorFields(put(channelId, otherId.toString())), hasItem("id"));

    ObjectNode otherQueue = channel.deepCopy();
    ((ObjectNode) otherQueue.path("queue")).put("distributionMode", "ALL");
    assertThat(errorFields(put(channelId, otherQueue.toString())), hasItem("queue"));

    ObjectNode otherCreatedAt = channel.deepCopy();
    otherCreatedAt.put("createdAt", "2020-01-01T00:00:00Z");
    assertThat(errorFields(put(channelId, otherCreatedAt.toString())), hasItem("createdAt"));

    ObjectNode staleVersion = channel.deepCopy();
    staleVersion.put("version", 7);
    ExtractableResponse<Response> stale = put(channelId, staleVersion.toString());
    assertThat(stale.statusCode(), equalTo(412));
    assertThat(stale.path("currentState.version"), equalTo(1));
  }

  @Test
  void aStaleIfMatchIsA412WithTheCurrentVersion() {
    String channelId = newChannel();
    put(channelId, body("{'routing':{'offerTimeoutSeconds':90}}"));
    ExtractableResponse<Response> stale =
        admin()
            .header("If-Match", "\"1\"")
            .body(body("{'routing':{'offerTimeoutSeconds':120}}"))
            .when()
            .put("/api/v1/channels/" + channelId)
            .then()
            .extract();
    assertThat(stale.statusCode(), equalTo(412));
    assertThat(stale.header("ETag"), equalTo("\"2\""));
    assertThat(stale.path("currentState.version"), equalTo(2));
    assertThat(get(channelId).at("/routing/offerTimeoutSeconds").asInt(), equalTo(90));
  }

  @Test
  void ofTwoConcurrentWritersWithTheSameIfMatchOneWinsAndTheOtherGets412() throws Exception {
    String channelId = newChannel();
    Callable<Integer> first =
        () ->
            admin()
                .header("If-Match", "\"1\"")
                .body(body("{'routing':{'offerTimeoutSeconds':100}}"))
                .when()
                .put("/api/v1/channels/" + channelId)
                .statusCode();
    Callable<Integer> second =
        () ->
            admin()
                .header("If-Match", "\"1\"")
                .body(body("{'routing':{'offerTimeoutSeconds':200}}"))
                .when()
                .put("/api/v1/channels/" + channelId)
                .statusCode();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> a = pool.submit(first);
      Future<Integer> b = pool.submit(second);
      assertThat(List.of(a.get(), b.get()), containsInAnyOrder(200, 412));
    } finally {
      pool.shutdownNow();
    }
    JsonNode channel = get(channelId);
    assertThat(channel.path("version").asLong(), equalTo(2L));
  }

  @Test
  void deactivatingAChannelWithConnectorsNeedsForceAndSaysWhy() {
    String channelId = newChannel();
    String botId = newBotId();
    admin()
        .body(
            "{\"type\":\"telegram\",\"botToken\":\""
                + botToken(botId)
                + "\",\"webhookSecret\":\"hook_1-webhook-secret\"}")
        .when()
        .post("/api/v1/channels/" + channelId + "/connectors")
        .then()
        .statusCode(201);

    ExtractableResponse<Response> refused = put(channelId, body("{'active':false}"));
    assertThat(refused.statusCode(), equalTo(409));
    assertThat(refused.path("detail"), containsString("telegram " + botId));
    assertThat(refused.path("detail"), containsString("force=true"));
    assertThat(refused.path("currentState.connectors[0].accountId"), equalTo(botId));
    assertThat(get(channelId).path("active").asBoolean(), equalTo(true));

    ExtractableResponse<Response> forced =
        admin()
            .body(body("{'active':false}"))
            .when()
            .put("/api/v1/channels/" + channelId + "?force=true")
            .then()
            .extract();
    assertThat(forced.statusCode(), equalTo(200));
    assertThat(forced.path("active"), equalTo(false));
  }

  @Test
  void eachNewVersionIsAnnouncedOnceWithTheSectionsAtTopLevel() {
    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_CHANNELS)) {
      String channelId = newChannel();
      put(
          channelId,
          body(
              "{'name':'Night desk','workingTime':{'enabled':true,'timeZone':'Europe/Madrid'},"
                  + "'bots':{'botId':'faq-bot','handoverKeywords':[' Operator','agente']}}"));

      JsonNode event =
          json(
              probe
                  .await(
                      r ->
                          channelId.equals(r.key())
                              && json(r.value()).path("version").asLong() == 2)
                  .value());
      JsonNode settings = event.path("settings");
      assertThat(settings.path("name").asText(), equalTo("Night desk"));
      assertThat(settings.at("/workingTime/timeZone").asText(), equalTo("Europe/Madrid"));
      assertThat(settings.at("/workingTime/enabled").asBoolean(), equalTo(true));
      assertThat(settings.at("/bots/botId").asText(), equalTo("faq-bot"));
      assertThat(settings.at("/bots/handoverKeywords"), equalTo(json("[\"Operator\",\"agente\"]")));
      assertThat(settings.at("/routing/checkAvailability").asBoolean(), equalTo(true));
      assertThat(settings.path("queue").path("distributionMode").asText(), equalTo("EVENLY"));
      // The new fields travel too, and consumers read the record as typed sections.
      assertThat(settings.at("/workingTime/offHoursRouting").asText(), equalTo("QUEUE_UNTIL_OPEN"));
      ChannelSettings typed =
          EventJson.read(
                  event.toString().getBytes(StandardCharsets.UTF_8), ChannelConfigChanged.class)
              .settings();
      assertThat(typed.typed().workingTime().timeZone(), equalTo("Europe/Madrid"));
      assertThat(typed.typed().bots().botId(), equalTo("faq-bot"));

      // The same PUT again changes nothing: versions 1 and 2 stay the only records, one each.
      put(
          channelId,
          body(
              "{'name':'Night desk','workingTime':{'enabled':true,'timeZone':'Europe/Madrid'},"
                  + "'bots':{'botId':'faq-bot','handoverKeywords':['Operator ','agente']}}"));
      Awaitility.await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(4))
          .until(
              () ->
                  probe.records().stream()
                      .filter(r -> channelId.equals(r.key()))
                      .map(r -> json(r.value()).path("version").asLong())
                      .toList(),
              versions -> versions.equals(List.of(1L, 2L)));
    }
  }
}
