package dev.switchboard.platform.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.platform.runtime.api.Problem;
import dev.switchboard.platform.runtime.api.ProblemMappers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorableStringsTest {

  record Member(String type, String id) {}

  record Queue(List<Member> members, List<String> tags) {}

  record Channel(String name, Queue queue, Map<String, Object> extra) {}

  private final ObjectMapper json = customized();

  private static ObjectMapper customized() {
    ObjectMapper mapper = new ObjectMapper();
    new StorableStrings().customize(mapper);
    return mapper;
  }

  @Test
  void aStringWithoutNulIsReadAsItIs() throws Exception {
    Channel channel =
        json.readValue(
            "{\"name\":\"Soporte \\u00f1\",\"queue\":{\"members\":[{\"type\":\"USER\",\"id\":\"a\"}]}}",
            Channel.class);
    assertEquals("Soporte ñ", channel.name());
    assertEquals("a", channel.queue().members().get(0).id());
  }

  @Test
  void aNulAnywhereIsRefusedNamingTheFieldAsTheClientWroteIt() {
    assertEquals("name", refusedField("{\"name\":\"a\\u0000b\"}"));
    assertEquals(
        "queue.members[1].id",
        refusedField(
            "{\"queue\":{\"members\":[{\"type\":\"USER\",\"id\":\"a\"},"
                + "{\"type\":\"USER\",\"id\":\"\\u0000\"}]}}"));
    assertEquals("queue.tags[0]", refusedField("{\"queue\":{\"tags\":[\"\\u0000\"]}}"));
    assertEquals("extra.note", refusedField("{\"extra\":{\"note\":\"x\\u0000\"}}"));
  }

  @Test
  void theRefusalIsA400ProblemNamingTheField() {
    StorableStrings.UnstorableCharacterException refused =
        assertThrows(
            StorableStrings.UnstorableCharacterException.class,
            () -> json.readValue("{\"name\":\"\\u0000\"}", Channel.class));

    Problem problem = (Problem) new ProblemMappers().unmappable(refused).getEntity();

    assertEquals(400, problem.status());
    assertEquals(
        List.of(new Problem.FieldError("name", StorableStrings.NUL_MESSAGE)), problem.errors());
  }

  private String refusedField(String body) {
    StorableStrings.UnstorableCharacterException refused =
        assertThrows(
            StorableStrings.UnstorableCharacterException.class,
            () -> json.readValue(body, Channel.class));
    Problem problem = (Problem) new ProblemMappers().unmappable(refused).getEntity();
    return problem.errors().get(0).field();
  }

  @Test
  void anUnpairedSurrogateIsRefusedNamingTheFieldWhileAPairedOneIsKept() throws Exception {
    assertEquals("name", refusedField("{\"name\":\"a\\ud800b\"}"));
    assertEquals("queue.tags[0]", refusedField("{\"queue\":{\"tags\":[\"x\\udc00\"]}}"));
    assertEquals("name", refusedField("{\"name\":\"\\ude00\\ud83d\"}"));
    StorableStrings.UnstorableCharacterException refused =
        assertThrows(
            StorableStrings.UnstorableCharacterException.class,
            () -> json.readValue("{\"name\":\"\\ud83d\"}", Channel.class));
    assertEquals(StorableStrings.SURROGATE_MESSAGE, refused.why());

    Channel emoji = json.readValue("{\"name\":\"ok \\ud83d\\ude00\"}", Channel.class);
    assertEquals("ok \uD83D\uDE00", emoji.name());
  }
}
