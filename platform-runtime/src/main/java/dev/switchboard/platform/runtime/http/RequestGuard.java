package dev.switchboard.platform.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.platform.runtime.api.Problem;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every request of every service before any byte of its body is read (API.md, "Errors"):
 *
 * <ul>
 *   <li>a declared {@code Content-Length} over the path's {@link BodyLimits limit} is a 413
 *       problem+json at once, and the connection is closed (the body is not read); a chunked body
 *       is read here and refused the same way once it runs past the limit;
 *   <li>{@code %00} (U+0000) in the path or the query is a 400 problem+json: no id or parameter
 *       holds it, and PostgreSQL cannot store it.
 * </ul>
 *
 * A body sent without a length (chunked) is read here, up to the limit; past it, the same 413.
 */
@ApplicationScoped
public class RequestGuard {

  /** Before Quarkus' own body-size check, which answers 413 with no body. */
  static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String LIMIT_KEY = RequestGuard.class.getName() + ".limit";

  @Inject BodyLimits limits;

  /** One body reader per limit (a handful: the paths' limits). */
  private final Map<Long, BodyHandler> readers = new ConcurrentHashMap<>();

  void routes(@Observes Router router) {
    router
        .route()
        .order(ROUTE_ORDER)
        .handler(this::check)
        .failureHandler(this::tooLargeWhileReading);
  }

  private void check(RoutingContext rc) {
    HttpServerRequest in = rc.request();
    String nulField = nulField(in.path(), in.query());
    if (nulField != null) {
      answer(
          rc,
          Problem.invalid(
              nulField + ": must not contain the NUL character (%00)",
              List.of(
                  new Problem.FieldError(nulField, "must not contain the NUL character (%00)"))));
      return;
    }
    long limit = limits.forPath(in.path());
    if (declaredLength(in) > limit) {
      tooLarge(rc, limit);
      return;
    }
    if (in.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      // No length announced: read (at most the limit) here, so that going over it is answered
      // below as problem+json rather than by Quarkus with an empty 413. Quarkus REST and the
      // gateway's forwarder take a body read this way as it is.
      rc.put(LIMIT_KEY, limit);
      readers.computeIfAbsent(limit, RequestGuard::reader).handle(rc);
      return;
    }
    rc.next();
  }

  private void tooLargeWhileReading(RoutingContext rc) {
    Long limit = rc.get(LIMIT_KEY);
    if (rc.statusCode() == 413 && limit != null && !rc.response().headWritten()) {
      tooLarge(rc, limit);
    } else {
      rc.next();
    }
  }

  private static void tooLarge(RoutingContext rc, long limit) {
    // The rest of the body is not read: the connection cannot carry another request after it.
    // Closed a moment after the answer, not at once: a caller still sending its body would
    // otherwise get a reset that can discard the 413 before it reads it (a lingering close).
    rc.response().putHeader(HttpHeaders.CONNECTION, "close");
    rc.response()
        .endHandler(ended -> rc.vertx().setTimer(500, id -> rc.request().connection().close()));
    answer(rc, BodyLimits.tooLarge(limit));
  }

  private static BodyHandler reader(long limit) {
    return BodyHandler.create(false).setBodyLimit(limit);
  }

  /** {@code (path)}, the query parameter holding {@code %00}, or null when neither does. */
  static String nulField(String path, String query) {
    if (path != null && path.contains("%00")) {
      return "(path)";
    }
    if (query != null && query.contains("%00")) {
      for (String pair : query.split("&")) {
        if (pair.contains("%00")) {
          int equals = pair.indexOf('=');
          String name = equals < 0 ? pair : pair.substring(0, equals);
          return name.isEmpty() || name.contains("%00") ? "(query)" : name;
        }
      }
    }
    return null;
  }

  private static long declaredLength(HttpServerRequest in) {
    String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      // Netty refuses a malformed length before a route sees it.
      return -1;
    }
  }

  /** Ends the exchange with {@code problem} as {@code application/problem+json}. */
  public static void answer(RoutingContext rc, Problem problem) {
    String body;
    try {
      body = JSON.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    rc.response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(body);
  }
}
