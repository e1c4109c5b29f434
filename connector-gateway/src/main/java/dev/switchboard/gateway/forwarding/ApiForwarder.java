package dev.switchboard.gateway.forwarding;

import dev.switchboard.platform.runtime.api.Problem;
import dev.switchboard.platform.runtime.http.BodyLimits;
import dev.switchboard.platform.runtime.http.RequestGuard;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * Makes the gateway the one public edge (API.md): the REST APIs of channel-config-service,
 * session-service and routing-service are forwarded as they are, streamed both ways. The owning
 * service checks the token and the caller's rights; the gateway only refuses a request without a
 * valid bearer token. Upstream down: 502, too slow: 504, both as problem+json with an error id that
 * is in the log.
 */
@ApplicationScoped
public class ApiForwarder {

  private static final Logger LOG = Logger.getLogger(ApiForwarder.class);

  private static final BiConsumer<RoutingContext, Throwable> IGNORE_AUTH_FAILURE =
      (rc, failure) -> {};

  /** After security's filters, before Quarkus REST and the static resources. */
  static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;

  /**
   * Served by routing-service: an agent accepting or declining an offer, and a channel's waiting
   * sessions. One path segment each for the ids, so {@code /transfer} and the rest of {@code
   * /api/v1/sessions} stay with session-service.
   */
  static final String ROUTING_PATHS =
      "/api/v1/(sessions/[^/]+/(accept|decline)|channels/[^/]+/waiting)/?";

  /**
   * W3: the widget asks session-service whether a channel is open. Its visitors have no token, so
   * this path (GET only) is forwarded without one; session-service serves it to anyone.
   */
  static final String PUBLIC_SESSION_PATHS = "/api/v1/channels/[^/]+/working-time/now/?";

  private static final List<String> REQUEST_HEADERS =
      List.of(
          "Authorization",
          "If-Match",
          "If-None-Match",
          "Content-Type",
          "Content-Length",
          "Accept",
          "Accept-Language",
          "X-Request-Id");

  private static final List<String> RESPONSE_HEADERS =
      List.of(
          "Content-Type",
          "Content-Length",
          "ETag",
          "Location",
          "WWW-Authenticate",
          "Retry-After",
          "Cache-Control",
          "Link",
          "X-Request-Id");

  @Inject ForwardingConfig config;
  @Inject BodyLimits limits;

  private HttpClient client;

  void routes(@Observes Router router, Vertx vertx) {
    client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true));
    Upstream channelConfig = new Upstream("channel-config-service", config.channelConfigUrl());
    Upstream sessions = new Upstream("session-service", config.sessionServiceUrl());
    Upstream routing = new Upstream("routing-service", config.routingServiceUrl());
    // Offers and queues belong to routing-service: matched before the general routes below.
    router.routeWithRegex(ROUTING_PATHS).order(ROUTE_ORDER - 1).handler(rc -> forward(rc, routing));
    // W3's public path is session-service's: matched before channel-config's /api/v1/channels.
    router
        .routeWithRegex(HttpMethod.GET, PUBLIC_SESSION_PATHS)
        .order(ROUTE_ORDER - 1)
        .handler(rc -> forwardWithoutToken(rc, sessions));
    router
        .routeWithRegex("/api/v1/(channels|agents|canned-response-lists)(/.*)?")
        .order(ROUTE_ORDER)
        .handler(rc -> forward(rc, channelConfig));
    router
        .routeWithRegex("/api/v1/(sessions|clients)(/.*)?")
        .order(ROUTE_ORDER)
        .handler(rc -> forward(rc, sessions));
    router.route("/api/v1/agent/sessions").order(ROUTE_ORDER).handler(rc -> forward(rc, sessions));
    router.route("/api/v1/bot/sessions").order(ROUTE_ORDER).handler(rc -> forward(rc, sessions));
  }

  private void forward(RoutingContext rc, Upstream upstream) {
    HttpServerRequest in = rc.request();
    String authorization = in.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      unauthorized(rc);
      return;
    }
    // Nothing of the body may be read before the upstream request exists to take it.
    in.pause();
    authenticated(rc)
        .subscribe()
        .with(
            identity -> {
              if (identity == null || identity.isAnonymous()) {
                unauthorized(rc);
              } else {
                proxy(rc, upstream);
              }
            },
            failure -> unauthorized(rc));
  }

  /** A public path: forwarded as it is, a token (if any) passed on unchecked for the service. */
  private void forwardWithoutToken(RoutingContext rc, Upstream upstream) {
    rc.request().pause();
    proxy(rc, upstream);
  }

  /**
   * Proactive authentication is off: the token is verified here, when asked for. A failure is
   * answered by {@link #unauthorized} as problem+json, not by Quarkus' default failure handler.
   */
  private static Uni<SecurityIdentity> authenticated(RoutingContext rc) {
    rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, IGNORE_AUTH_FAILURE);
    return QuarkusHttpUser.getSecurityIdentity(rc, null);
  }

  private void proxy(RoutingContext rc, Upstream upstream) {
    HttpServerRequest in = rc.request();
    long limit = limits.forPath(in.path());
    RequestOptions options =
        new RequestOptions()
            .setMethod(in.method())
            .setAbsoluteURI(upstream.uri(in.uri()))
            .setIdleTimeout(config.idleTimeout().toMillis());
    client
        .request(options)
        .onComplete(
            created -> {
              if (created.succeeded()) {
                new Exchange(rc, upstream, created.result(), limit).start();
              } else {
                failed(rc, upstream, created.cause());
                discardRest(in, limit, 0);
              }
            });
  }

  /**
   * One request forwarded: the caller's body streamed to the service (at most the path's limit),
   * the service's answer streamed back. A service may answer before it has read the whole body (a
   * 415, a 413, a 401): then the rest of the body is not sent, and the connection to the service,
   * left in the middle of a request, is closed once the answer is in instead of going back to the
   * pool, where the next caller's request would be read as the end of this one's body.
   */
  private final class Exchange {
    private final RoutingContext rc;
    private final HttpServerRequest in;
    private final HttpClientRequest out;
    private final Upstream upstream;
    private final long limit;
    private long received;
    private boolean forwarding = true;
    private boolean bodySent;
    private boolean tooLarge;

    Exchange(RoutingContext rc, Upstream upstream, HttpClientRequest out, long limit) {
      this.rc = rc;
      this.in = rc.request();
      this.out = out;
      this.upstream = upstream;
      this.limit = limit;
    }

    void start() {
      copyRequestHeaders(in, out);
      out.response()
          .onComplete(
              result -> {
                if (tooLarge) {
                  return;
                }
                if (result.succeeded()) {
                  answered(result.result());
                } else {
                  failed(rc, upstream, result.cause());
                  stopForwarding();
                }
              });
      if (rc.body().available()) {
        // Some extension installed a body handler: the body was read already.
        bodySent = true;
        if (rc.body().buffer() == null) {
          out.end();
        } else {
          out.end(rc.body().buffer());
        }
        return;
      }
      if (!hasBody(in)) {
        bodySent = true;
        in.resume();
        out.end();
        return;
      }
      if (!in.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
        out.setChunked(true);
      }
      in.handler(this::bodyChunk);
      // The caller went away in the middle of its body: the service gets none of it.
      in.exceptionHandler(
          failure -> {
            forwarding = false;
            out.reset(0, failure);
          });
      in.endHandler(
          ended -> {
            if (forwarding) {
              bodySent = true;
              out.end();
            }
          });
      in.resume();
    }

    private void bodyChunk(Buffer chunk) {
      received += chunk.length();
      if (received > limit) {
        bodyTooLarge();
        return;
      }
      if (!forwarding) {
        return;
      }
      out.write(chunk);
      if (out.writeQueueFull()) {
        in.pause();
        out.drainHandler(drained -> in.resume());
      }
    }

    /**
     * A body without a declared length ran past the limit: HTTP/2 (a declared length and an
     * HTTP/1.1 chunked body are limited by platform-runtime's RequestGuard before this route).
     */
    private void bodyTooLarge() {
      tooLarge = true;
      forwarding = false;
      in.handler(null);
      in.endHandler(null);
      out.reset();
      HttpServerResponse response = rc.response();
      if (response.headWritten()) {
        in.connection().close();
        return;
      }
      response.putHeader(HttpHeaders.CONNECTION, "close");
      response.endHandler(ended -> in.connection().close());
      RequestGuard.answer(rc, BodyLimits.tooLarge(limit));
    }

    private void answered(HttpClientResponse upstreamResponse) {
      boolean refusedEarly = !bodySent;
      if (refusedEarly) {
        stopForwarding();
      }
      respond(rc, upstreamResponse, upstream)
          .onComplete(
              done -> {
                if (refusedEarly) {
                  out.connection().close();
                }
              });
    }

    /**
     * The service will not take the rest of the body: read what the caller still sends, drop it.
     */
    private void stopForwarding() {
      if (!forwarding) {
        return;
      }
      forwarding = false;
      in.endHandler(null);
      discardRest(in, limit, received);
    }
  }

  /**
   * Reads what is left of the caller's body and drops it, so that the caller's connection can carry
   * its next request; past the limit the connection is closed instead.
   */
  private static void discardRest(HttpServerRequest in, long limit, long alreadyReceived) {
    if (in.isEnded()) {
      return;
    }
    long[] received = {alreadyReceived};
    in.handler(
        chunk -> {
          received[0] += chunk.length();
          if (received[0] > limit) {
            in.handler(null);
            in.connection().close();
          }
        });
    in.resume();
  }

  private static boolean hasBody(HttpServerRequest in) {
    String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
    return (length != null && !length.trim().equals("0"))
        || in.headers().contains(HttpHeaders.TRANSFER_ENCODING);
  }

  private static void copyRequestHeaders(HttpServerRequest in, HttpClientRequest out) {
    MultiMap headers = in.headers();
    for (String name : REQUEST_HEADERS) {
      List<String> values = headers.getAll(name);
      if (!values.isEmpty()) {
        out.putHeader(name, values);
      }
    }
    String forwardedFor = headers.get("X-Forwarded-For");
    String remote = in.remoteAddress() == null ? null : in.remoteAddress().hostAddress();
    if (remote != null) {
      out.putHeader(
          "X-Forwarded-For", forwardedFor == null ? remote : forwardedFor + ", " + remote);
    }
    out.putHeader("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
    String host = in.getHeader(HttpHeaders.HOST);
    if (host != null) {
      out.putHeader("X-Forwarded-Host", host);
    }
  }

  private static Future<Void> respond(
      RoutingContext rc, HttpClientResponse upstreamResponse, Upstream upstream) {
    HttpServerResponse response = rc.response();
    if (response.headWritten()) {
      upstreamResponse.request().reset();
      return Future.succeededFuture();
    }
    response.setStatusCode(upstreamResponse.statusCode());
    response.setStatusMessage(upstreamResponse.statusMessage());
    for (String name : RESPONSE_HEADERS) {
      List<String> values = upstreamResponse.headers().getAll(name);
      if (!values.isEmpty()) {
        response.putHeader(name, values);
      }
    }
    String location = upstreamResponse.getHeader(HttpHeaders.LOCATION);
    if (location != null) {
      response.putHeader(HttpHeaders.LOCATION, upstream.rewriteLocation(location, rc.request()));
    }
    int status = upstreamResponse.statusCode();
    boolean bodyless = status == 204 || status == 304 || rc.request().method() == HttpMethod.HEAD;
    if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH) && !bodyless) {
      response.setChunked(true);
    }
    return upstreamResponse
        .pipeTo(response)
        .onFailure(
            failure ->
                LOG.warnf(
                    "The answer of %s to %s %s broke off: %s",
                    upstream.name(),
                    rc.request().method(),
                    rc.request().path(),
                    failure.getMessage()));
  }

  private static void failed(RoutingContext rc, Upstream upstream, Throwable cause) {
    String errorId = UUID.randomUUID().toString();
    boolean timedOut =
        cause.getClass().getSimpleName().contains("Timeout")
            && !cause.getClass().getSimpleName().contains("Connect");
    LOG.errorf(
        "%s %s: %s did not answer (%s), errorId=%s",
        rc.request().method(), rc.request().path(), upstream.name(), cause.getMessage(), errorId);
    if (rc.response().closed()) {
      return;
    }
    if (rc.response().headWritten()) {
      rc.response().reset();
      return;
    }
    int status = timedOut ? 504 : 502;
    RequestGuard.answer(
        rc,
        Problem.of(
                status,
                timedOut ? "Gateway timeout" : "Bad gateway",
                upstream.name()
                    + (timedOut ? " did not answer in time" : " cannot be reached")
                    + "; quote the errorId")
            .withErrorId(errorId));
  }

  private void unauthorized(RoutingContext rc) {
    discardRest(rc.request(), limits.forPath(rc.request().path()), 0);
    rc.response().putHeader("WWW-Authenticate", "Bearer");
    RequestGuard.answer(rc, Problem.of(401, "Unauthorized", "A valid bearer token is required"));
  }

  /** A service the gateway forwards to. */
  record Upstream(String name, URI base) {

    String uri(String pathAndQuery) {
      String prefix = base.toString();
      return (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)
          + pathAndQuery;
    }

    /**
     * An absolute Location pointing at this service points at the gateway instead, as the caller
     * reached it; any other Location is left alone.
     */
    String rewriteLocation(String location, HttpServerRequest in) {
      URI target;
      try {
        target = URI.create(location);
      } catch (IllegalArgumentException e) {
        return location;
      }
      if (!target.isAbsolute() || !sameServer(target)) {
        return location;
      }
      String host = in.getHeader(HttpHeaders.HOST);
      if (host == null) {
        return target.getRawPath()
            + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
      }
      String scheme = in.scheme() == null ? "http" : in.scheme();
      return scheme
          + "://"
          + host
          + target.getRawPath()
          + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    private boolean sameServer(URI target) {
      return target.getHost() != null
          && target.getHost().equalsIgnoreCase(base.getHost())
          && port(target) == port(base);
    }

    private static int port(URI uri) {
      if (uri.getPort() >= 0) {
        return uri.getPort();
      }
      return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
  }
}
