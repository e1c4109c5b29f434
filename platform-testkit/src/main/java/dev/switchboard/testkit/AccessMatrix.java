package dev.switchboard.testkit;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may call each endpoint (API.md, "Identity" and "Errors"), as one readable table: a row per
 * endpoint, a column per kind of caller. A cell is the status that caller must get; {@code ok} is
 * any answer but 401, 403, 404 and a 5xx (what an allowed caller then gets is the endpoint's own
 * tests' business); {@code -} is not called (a write that would change what the other rows read). A
 * refusal (401, 403, 404) must be {@code application/problem+json}.
 */
public final class AccessMatrix {

  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final List<String> rows = new ArrayList<>();
  private final List<String> bodies = new ArrayList<>();

  /**
   * Adds a column: the kind of caller and its token (null: no {@code Authorization} header). The
   * columns are the cells of each row, in this order.
   */
  public AccessMatrix caller(String kind, String token) {
    tokens.put(kind, token);
    return this;
  }

  /** A row {@code "METHOD path cell cell ..."} sent with the JSON body {@code {}}. */
  public AccessMatrix row(String row) {
    return row(row, "{}");
  }

  /** A row sent with this JSON body, for endpoints that check their input before the caller. */
  public AccessMatrix row(String row, String body) {
    rows.add(row);
    bodies.add(body);
    return this;
  }

  /** Calls every cell; the wrong answers, one line each ("POST /x as bot: 200, not 403"). */
  public List<String> wrongAnswers() {
    List<String> kinds = List.copyOf(tokens.keySet());
    List<String> wrong = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      String[] cells = rows.get(r).trim().split("\\s+");
      if (cells.length != 2 + kinds.size()) {
        throw new IllegalArgumentException("Row of " + kinds.size() + " callers? " + rows.get(r));
      }
      for (int i = 0; i < kinds.size(); i++) {
        String expected = cells[2 + i];
        if (expected.equals("-")) {
          continue;
        }
        Response answer =
            as(tokens.get(kinds.get(i)))
                .contentType("application/json")
                .body(bodies.get(r))
                .request(cells[0], cells[1]);
        String problem = answerIsWrong(expected, answer);
        if (problem != null) {
          wrong.add(cells[0] + " " + cells[1] + " as " + kinds.get(i) + ": " + problem);
        }
      }
    }
    return wrong;
  }

  private static String answerIsWrong(String expected, Response answer) {
    int status = answer.statusCode();
    if (expected.equals("ok")) {
      boolean refused = status == 401 || status == 403 || status == 404 || status >= 500;
      return refused ? status + ", not ok" : null;
    }
    if (status != Integer.parseInt(expected)) {
      return status + ", not " + expected;
    }
    boolean refusal = status == 401 || status == 403 || status == 404;
    String type = answer.contentType();
    if (refusal && (type == null || !type.startsWith("application/problem+json"))) {
      return status + " as \"" + type + "\", not application/problem+json";
    }
    return null;
  }

  private static RequestSpecification as(String token) {
    return token == null ? given() : given().header("Authorization", "Bearer " + token);
  }
}
