package dev.switchboard.testkit.fuzz;

import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Sends a {@link HostileBody} byte for byte with its content type (REST Assured re-encodes bodies
 * by content type, so it cannot send a form header over JSON bytes), to the application a
 * {@code @QuarkusTest} started.
 */
public final class HostileClient {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private HostileClient() {}

  /** What came back. */
  public record Answer(int status, String contentType, String body) {}

  /** {@code method} of {@code path} on the test application, with {@code headers} and the body. */
  public static Answer send(
      String method, String path, Map<String, String> headers, HostileBody body) {
    URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    headers.forEach(request::header);
    if (body.contentType() != null) {
      request.header("Content-Type", body.contentType());
    }
    try {
      HttpResponse<String> answer =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          answer.statusCode(),
          answer.headers().firstValue("Content-Type").orElse(null),
          answer.body());
    } catch (IOException e) {
      throw new AssertionError("no answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
