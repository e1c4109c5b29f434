package dev.switchboard.session.transcript;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server in the tests' JVM (GreenMail) on a free port, which the service's mailer is
 * pointed at. It is not started with the service: a test starts it (or keeps it stopped, as a mail
 * server that is down) and reads back what arrived.
 */
public class Smtp implements QuarkusTestResourceLifecycleManager {

  private static final String HOST = "127.0.0.1";
  private static int port;
  private static GreenMail server;

  @Override
  public synchronized Map<String, String> start() {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "quarkus.mailer.host",
        HOST,
        "quarkus.mailer.port",
        Integer.toString(port),
        "quarkus.mailer.from",
        "Switchboard <no-reply@switchboard.test>",
        // A connection kept from before a restart of the server would fail the next send.
        "quarkus.mailer.keep-alive",
        "false");
  }

  @Override
  public synchronized void stop() {
    down();
  }

  /** The mail server answers (started now, or already running). */
  static synchronized void up() {
    if (server == null) {
      server = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP));
      server.start();
    }
  }

  /** Nothing answers on the mailer's port. */
  static synchronized void down() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  /** The mails this address got since the server started. */
  static synchronized List<MimeMessage> mailsTo(String address) {
    if (server == null) {
      return List.of();
    }
    return Arrays.stream(server.getReceivedMessages())
        .filter(message -> isTo(message, address))
        .toList();
  }

  private static boolean isTo(MimeMessage message, String address) {
    try {
      return Arrays.stream(message.getAllRecipients())
          .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
