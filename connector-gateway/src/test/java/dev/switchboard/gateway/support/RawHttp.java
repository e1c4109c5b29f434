package dev.switchboard.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A request written byte by byte on a socket, for what HTTP clients do not let a test do: announce
 * a large body and wait for the answer before sending any of it.
 */
public final class RawHttp {

  /** The status line, the headers (names in lower case) and the body of an answer. */
  public record Answer(int status, String headers, String body) {

    public String header(String name) {
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private RawHttp() {}

  /**
   * Sends only the request line and headers (the body announced by {@code headers} is never sent)
   * and reads the answer until the server closes or the body announced by its Content-Length is in.
   */
  public static Answer headersOnly(URL server, String requestLineAndHeaders) {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write((requestLineAndHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    int headEnd = -1;
    long bodyLength = -1;
    byte[] buffer = new byte[8192];
    while (true) {
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      received.write(buffer, 0, n);
      String soFar = received.toString(StandardCharsets.ISO_8859_1);
      if (headEnd < 0) {
        headEnd = soFar.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
          for (String line : soFar.substring(0, headEnd).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
              bodyLength = Long.parseLong(line.substring("content-length:".length()).trim());
            }
          }
        }
      }
      if (headEnd >= 0 && bodyLength >= 0 && received.size() >= headEnd + 4 + bodyLength) {
        break;
      }
    }
    String all = received.toString(StandardCharsets.UTF_8);
    int end = all.indexOf("\r\n\r\n");
    String head = end < 0 ? all : all.substring(0, end);
    String body = end < 0 ? "" : all.substring(end + 4);
    String statusLine = head.split("\r\n", 2)[0];
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    return new Answer(status, head.substring(statusLine.length()).trim(), body);
  }
}
