package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.common.AttachmentType;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.outbound.ReplyButton;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the published JSON Schemas of the public contract and the records in step. Not a full
 * validator (none is managed by the BOM): it checks types, required and declared properties, enums
 * and the date-time/uuid formats, which is what the two schemas use.
 */
class JsonSchemaContractTest {

  private static final ObjectMapper TREE = new ObjectMapper();
  private static final String INBOUND = "/schemas/inbound-message-received.v1.json";
  private static final String OUTBOUND = "/schemas/outbound-message-requested.v1.json";

  @Test
  void aFullInboundMessageHasEveryRequiredAndOnlyDeclaredPropertiesOfItsSchema()
      throws IOException {
    List<String> problems = check(INBOUND, EventJson.write(SampleEvents.inbound()), true);

    assertEquals(List.of(), problems);
  }

  @Test
  void aFullOutboundMessageHasEveryRequiredAndOnlyDeclaredPropertiesOfItsSchema()
      throws IOException {
    List<String> problems = check(OUTBOUND, EventJson.write(SampleEvents.outbound()), true);

    assertEquals(List.of(), problems);
  }

  @Test
  void aMinimalInboundMessageStillHasEveryRequiredProperty() throws IOException {
    InboundMessageReceived minimal =
        new InboundMessageReceived(
            PlatformEvent.newId(),
            ConnectorType.CUSTOM,
            "c1",
            "a1",
            "chat1",
            "m1",
            dev.switchboard.events.common.ClientIdentity.anonymous("u1"),
            null,
            null,
            null,
            SampleEvents.AT);

    assertEquals(List.of(), check(INBOUND, EventJson.write(minimal), false));
  }

  @Test
  void theDocumentedInboundExampleMatchesTheSchema() throws IOException {
    byte[] example;
    try (InputStream in =
        getClass().getResourceAsStream("/examples/inbound-message-received.json")) {
      example = in.readAllBytes();
    }

    assertEquals(List.of(), check(INBOUND, example, false));
  }

  @Test
  void theDocumentedButtonExamplesMatchTheSchemasAndReadAsEvents() throws IOException {
    byte[] pressed = resource("/examples/inbound-button-pressed.json");
    byte[] request = resource("/examples/outbound-rating-request.json");

    assertEquals(List.of(), check(INBOUND, pressed, false));
    assertEquals(List.of(), check(OUTBOUND, request, false));
    assertEquals("rating:5", EventJson.read(pressed, InboundMessageReceived.class).buttonValue());
    assertEquals(5, EventJson.read(request, OutboundMessageRequested.class).buttons().size());
  }

  @Test
  void theSchemaLimitsOfButtonsAreTheRecordsLimits() throws IOException {
    JsonNode outbound = schema(OUTBOUND);

    assertEquals(
        OutboundMessageRequested.MAX_BUTTONS,
        outbound.at("/properties/buttons/maxItems").intValue());
    assertEquals(
        ReplyButton.MAX_LABEL_CHARS,
        outbound.at("/$defs/ReplyButton/properties/label/maxLength").intValue());
  }

  @Test
  void aMessageMissingARequiredPropertyIsReported() throws IOException {
    String json =
        EventJson.writeString(SampleEvents.inbound()).replace("\"externalChatId\"", "\"chatId\"");

    List<String> problems =
        check(INBOUND, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);

    assertTrue(
        problems.contains("$: missing required property externalChatId"), problems.toString());
  }

  @Test
  void schemaEnumsListExactlyTheJavaEnumValues() throws IOException {
    JsonNode inbound = schema(INBOUND);
    JsonNode outbound = schema(OUTBOUND);

    assertEquals(
        wireNames(ConnectorType.values()), strings(inbound.at("/$defs/ConnectorType/enum")));
    assertEquals(
        wireNames(ConnectorType.values()), strings(outbound.at("/$defs/ConnectorType/enum")));
    assertEquals(
        names(AttachmentType.values()),
        strings(inbound.at("/$defs/Attachment/properties/type/enum")));
    assertEquals(
        names(AttachmentType.values()),
        strings(outbound.at("/$defs/Attachment/properties/type/enum")));
    assertEquals(
        names(OutboundMessageKind.values()), strings(outbound.at("/properties/kind/enum")));
  }

  @Test
  void schemasNameTheirTopicAndCloudEventsType() throws IOException {
    String inbound = schema(INBOUND).get("description").textValue();
    String outbound = schema(OUTBOUND).get("description").textValue();

    assertTrue(
        inbound.contains(Topics.INBOUND_MESSAGES)
            && inbound.contains(EventRegistry.ceTypeOf(InboundMessageReceived.class)));
    assertTrue(
        outbound.contains(Topics.OUTBOUND_MESSAGES)
            && outbound.contains(EventRegistry.ceTypeOf(OutboundMessageRequested.class)));
    assertEquals(
        "https://json-schema.org/draft/2020-12/schema", schema(INBOUND).get("$schema").textValue());
  }

  private static List<String> check(String schemaPath, byte[] json, boolean everyPropertyPresent)
      throws IOException {
    JsonNode root = schema(schemaPath);
    List<String> problems = new ArrayList<>();
    check(root, root, TREE.readTree(json), "$", everyPropertyPresent, problems);
    return problems;
  }

  private static void check(
      JsonNode root,
      JsonNode schema,
      JsonNode value,
      String path,
      boolean complete,
      List<String> problems) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").textValue();
      check(root, root.at(ref.substring(1)), value, path, complete, problems);
      return;
    }
    String type = schema.path("type").asText();
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          problems.add(path + ": expected an object");
          return;
        }
        JsonNode properties = schema.path("properties");
        schema
            .path("required")
            .forEach(
                r -> {
                  if (!value.has(r.textValue())) {
                    problems.add(path + ": missing required property " + r.textValue());
                  }
                });
        value
            .fieldNames()
            .forEachRemaining(
                name -> {
                  if (!properties.has(name)) {
                    problems.add(path + ": property " + name + " is not declared in the schema");
                  } else {
                    check(
                        root,
                        properties.get(name),
                        value.get(name),
                        path + "." + name,
                        complete,
                        problems);
                  }
                });
        if (complete) {
          properties
              .fieldNames()
              .forEachRemaining(
                  name -> {
                    if (!value.has(name)) {
                      problems.add(
                          path + ": schema property " + name + " is not written by the record");
                    }
                  });
        }
      }
      case "array" -> {
        if (!value.isArray()) {
          problems.add(path + ": expected an array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(root, schema.get("items"), value.get(i), path + "[" + i + "]", complete, problems);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          problems.add(path + ": expected a string");
          return;
        }
        if (schema.has("enum") && !strings(schema.get("enum")).contains(value.textValue())) {
          problems.add(path + ": " + value.textValue() + " is not one of " + schema.get("enum"));
        }
        checkFormat(schema.path("format").asText(), value.textValue(), path, problems);
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          problems.add(path + ": expected an integer");
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(path + ": expected a boolean");
        }
      }
      default -> problems.add(path + ": the test does not know schema type '" + type + "'");
    }
  }

  private static void checkFormat(String format, String value, String path, List<String> problems) {
    try {
      switch (format) {
        case "date-time" -> OffsetDateTime.parse(value);
        case "uuid" -> UUID.fromString(value);
        default -> {}
      }
    } catch (RuntimeException e) {
      problems.add(path + ": '" + value + "' is not a " + format);
    }
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = JsonSchemaContractTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }

  private static JsonNode schema(String path) throws IOException {
    try (InputStream in = JsonSchemaContractTest.class.getResourceAsStream(path)) {
      return TREE.readTree(in);
    }
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new HashSet<>();
    array.forEach(v -> values.add(v.textValue()));
    return values;
  }

  private static Set<String> wireNames(ConnectorType[] values) {
    return Arrays.stream(values).map(ConnectorType::wireName).collect(Collectors.toSet());
  }

  private static Set<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
  }
}
