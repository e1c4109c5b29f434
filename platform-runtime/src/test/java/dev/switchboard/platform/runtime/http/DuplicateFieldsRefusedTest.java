package dev.switchboard.platform.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.platform.runtime.api.Problem;
import dev.switchboard.platform.runtime.api.ProblemMappers;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateFieldsRefusedTest {

  record Member(String type, String id) {}

  record Queue(List<Member> members, String distributionMode) {}

  record Status(String status, Boolean clockedIn) {}

  private final ObjectMapper json = customized();

  private static ObjectMapper customized() {
    ObjectMapper mapper = new ObjectMapper();
    new DuplicateFieldsRefused().customize(mapper);
    return mapper;
  }

  /** The fuzz tests' sample: a bare 500 from Jackson's record deserializer before. */
  @Test
  void aFieldGivenTwiceIsA400ProblemNamingIt() {
    JsonParseException refused =
        assertThrows(
            JsonParseException.class,
            () ->
                json.readValue(
                    "{\"status\":\"AWAY\",\"clockedIn\":true,\"status\":true}", Status.class));

    Problem problem = (Problem) new ProblemMappers().malformed(refused).getEntity();

    assertEquals(400, problem.status());
    assertEquals("status", problem.errors().get(0).field());
  }

  @Test
  void aNestedDuplicateIsNamedAsTheClientWroteIt() {
    JsonMappingException refused =
        assertThrows(
            JsonMappingException.class,
            () ->
                json.readValue(
                    "{\"members\":[{\"type\":\"USER\",\"id\":\"a\"},"
                        + "{\"type\":\"USER\",\"id\":\"b\",\"id\":\"c\"}],"
                        + "\"distributionMode\":\"EVENLY\"}",
                    Queue.class));

    Problem problem = (Problem) new ProblemMappers().unmappable(refused).getEntity();

    assertEquals(400, problem.status());
    assertEquals("members[1].id", problem.errors().get(0).field());
  }

  @Test
  void otherSyntaxErrorsAreNoDuplicate() {
    JsonParseException refused =
        assertThrows(JsonParseException.class, () -> json.readValue("{\"status\":}", Status.class));

    assertEquals(java.util.Optional.empty(), DuplicateFieldsRefused.field(refused));
  }
}
