package dev.switchboard.platform.runtime.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.switchboard.platform.runtime.http.DuplicateFieldsRefused;
import dev.switchboard.platform.runtime.http.StorableStrings;
import dev.switchboard.platform.runtime.messaging.TransientFailures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure of a REST call into {@code application/problem+json} (API.md, "Errors"). */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    return answer(e.problem());
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthorized(RuntimeException e) {
    return Response.status(401)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .type(Problem.MEDIA_TYPE)
        .entity(Problem.of(401, "Unauthorized", "A valid bearer token is required"))
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return answer(Problem.of(403, "Forbidden", "Your roles do not allow this request"));
  }

  // Jackson's own mappers in quarkus-rest-jackson answer these exact types with plain JSON; mapping
  // each type
  // here makes ours the closest match, so bad bodies are problem+json too.
  @ServerExceptionMapper
  public Response unknownField(UnrecognizedPropertyException e) {
    String field = path(e);
    return answer(
        Problem.invalid(
            "Unknown field '" + field + "'",
            List.of(new Problem.FieldError(field, "unknown field"))));
  }

  @ServerExceptionMapper
  public Response wrongType(MismatchedInputException e) {
    return unmappable(e);
  }

  @ServerExceptionMapper
  public Response unmappable(JsonMappingException e) {
    // A duplicate inside a list or map comes wrapped in the collection's reference.
    if (e.getCause() instanceof JsonParseException parse
        && DuplicateFieldsRefused.field(parse).isPresent()) {
      return malformed(parse);
    }
    if (e instanceof StorableStrings.UnstorableCharacterException unstorable) {
      String field = path(e);
      return answer(
          Problem.invalid(
              field + ": " + unstorable.why(),
              List.of(new Problem.FieldError(field, unstorable.why()))));
    }
    if (e.getPath().isEmpty()) {
      return answer(
          Problem.of(400, "Malformed JSON", "The request body does not have the expected shape"));
    }
    String field = path(e);
    return answer(
        Problem.invalid(
            "Field '" + field + "' has the wrong type or format",
            List.of(new Problem.FieldError(field, "wrong type or format"))));
  }

  @ServerExceptionMapper
  public Response malformed(JsonParseException e) {
    Optional<String> duplicate = DuplicateFieldsRefused.field(e);
    if (duplicate.isPresent()) {
      return answer(
          Problem.invalid(
              "A field is given more than once",
              List.of(new Problem.FieldError(duplicate.get(), "is given more than once"))));
    }
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return answer(Problem.of(400, "Malformed JSON", "The request body is not valid JSON" + where));
  }

  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e) {
    return malformedOrUnreadable(e);
  }

  private Response malformedOrUnreadable(JsonProcessingException e) {
    return e instanceof JsonParseException parse
        ? malformed(parse)
        : answer(Problem.of(400, "Malformed JSON", "The request body is not valid JSON"));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    // A body that ends too early reaches us wrapped in a BadRequestException.
    if (e.getCause() instanceof JsonProcessingException json) {
      return json instanceof JsonMappingException mapping
          ? unmappable(mapping)
          : malformedOrUnreadable(json);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(e);
    }
    String title =
        Response.Status.fromStatusCode(status) != null
            ? Response.Status.fromStatusCode(status).getReasonPhrase()
            : "Error";
    Response.ResponseBuilder answer =
        Response.status(status)
            .type(Problem.MEDIA_TYPE)
            .entity(Problem.of(status, title, e.getMessage()));
    e.getResponse()
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(v -> answer.header(name, v));
              }
            });
    return answer.build();
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    if (TransientFailures.isTransient(e)) {
      // The database restarting or its connections cut: the request was fine and may be sent
      // again in a moment, which a 500 would not say.
      LOG.warnf("A dependency is unavailable for now: %s", e.getMessage());
      return Response.status(503)
          .header(HttpHeaders.RETRY_AFTER, "1")
          .type(Problem.MEDIA_TYPE)
          .entity(
              Problem.of(
                  503, "Service Unavailable", "A dependency is unavailable for now; retry shortly"))
          .build();
    }
    String errorId = UUID.randomUUID().toString();
    LOG.errorf(e, "Unexpected error, errorId=%s", errorId);
    return answer(
        Problem.of(500, "Internal error", "Something went wrong on our side; quote the errorId")
            .withErrorId(errorId));
  }

  static Response answer(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  /** {@code queue.members[0].id}: the field as the client wrote it. */
  static String path(JsonMappingException e) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (field.length() > 0) {
          field.append('.');
        }
        field.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        field.append('[').append(ref.getIndex()).append(']');
      }
    }
    return field.length() == 0 ? "(body)" : field.toString();
  }
}
