package dev.switchboard.session.transcript.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.session.conversation.domain.AuthorType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** O4: what a transcript e-mail says, in plain Java. */
class TranscriptTest {

  private static final Instant OPENED = Instant.parse("2025-03-30T00:58:00Z");

  private static final List<Transcript.Line> LINES =
      List.of(
          new Transcript.Line(OPENED, AuthorType.CLIENT, "María García", "Hola"),
          new Transcript.Line(OPENED.plusSeconds(60), AuthorType.SYSTEM, null, "Fuera de horario"),
          // Madrid moves its clocks from 02:00 to 03:00 at 01:00 UTC this night.
          new Transcript.Line(
              OPENED.plusSeconds(180), AuthorType.AGENT, "Ana López", "Sale <b>hoy</b> & \"ya\""),
          new Transcript.Line(OPENED.plusSeconds(240), AuthorType.BOT, null, "Beep"),
          new Transcript.Line(OPENED.plusSeconds(300), AuthorType.CLIENT, null, null));

  @Test
  void eachMessageIsALineWithItsTimeInTheChannelsZoneAndItsAuthor() {
    Transcript transcript = Transcript.render("Soporte", "es", "Europe/Madrid", OPENED, LINES);

    assertThat(transcript.subject(), equalTo("Transcripción de su conversación con Soporte"));
    assertThat(
        transcript.text(),
        containsString(
            "[01:58] María García: Hola\n"
                + "[01:59] Sistema: Fuera de horario\n"
                + "[03:01] Ana López: Sale <b>hoy</b> & \"ya\"\n"
                + "[03:02] Bot: Beep\n"
                + "[03:03] Cliente: (archivo adjunto)\n"));
    assertThat(transcript.text(), containsString("Fecha: 30 de marzo de 2025"));
    assertThat(
        transcript.html(),
        containsString(
            "[03:01] <strong>Ana López</strong>: Sale &lt;b&gt;hoy&lt;/b&gt; &amp; &quot;ya&quot;"));
    assertThat(transcript.html(), not(containsString("<b>hoy</b>")));
  }

  @Test
  void withoutAZoneTheTimesAreUtcAndAnUnknownLanguageGetsEnglish() {
    Transcript transcript = Transcript.render("Help <desk>", "fr", null, OPENED, LINES);

    assertThat(transcript.subject(), equalTo("Transcript of your conversation with Help <desk>"));
    assertThat(transcript.text(), containsString("[00:58] María García: Hola\n"));
    assertThat(transcript.text(), containsString("[00:59] System: Fuera de horario\n"));
    assertThat(transcript.text(), containsString("Times are in UTC."));
    assertThat(
        transcript.html(), containsString("<h1>Your conversation with Help &lt;desk&gt;</h1>"));
  }

  @Test
  void russianAndGermanHaveTheirOwnTexts() {
    assertThat(
        Transcript.render("Поддержка", "ru", "Europe/Moscow", OPENED, List.of()).subject(),
        equalTo("Стенограмма вашего разговора с Поддержка"));
    Transcript german = Transcript.render("Hilfe", "DE", "Europe/Berlin", OPENED, List.of());
    assertThat(german.subject(), equalTo("Verlauf Ihres Gesprächs mit Hilfe"));
    assertThat(german.text(), containsString("Das Gespräch enthält keine Nachrichten."));
  }

  @Test
  void aMultiLineMessageKeepsItsLineBreaksInHtml() {
    Transcript transcript =
        Transcript.render(
            "Help",
            "en",
            "UTC",
            OPENED,
            List.of(new Transcript.Line(OPENED, AuthorType.CLIENT, "Bob", "one\ntwo")));
    assertThat(transcript.html(), containsString("one<br>\ntwo"));
  }

  @Test
  void anAddressIsOneMailboxWithoutBlanksOrLineBreaks() {
    assertThat(
        EmailAddress.parse("  maria.garcia+orders@example.co.uk "),
        equalTo("maria.garcia+orders@example.co.uk"));
    for (String bad :
        List.of(
            "maria",
            "maria@example",
            "maria@@example.com",
            "maria@example.com\r\nBcc: x@example.com",
            "maria@example.com,eve@example.com",
            "Maria <maria@example.com>",
            ".maria@example.com",
            "maria..garcia@example.com",
            "maria@-example.com",
            "x".repeat(250) + "@example.com")) {
      assertThat(bad, EmailAddress.parse(bad), nullValue());
    }
  }

  @Test
  void failedSendsWaitLongerEachTimeUpToTheMax() {
    SendBackoff backoff = new SendBackoff(Duration.ofSeconds(10), Duration.ofMinutes(30));
    assertThat(backoff.after(1), equalTo(Duration.ofSeconds(10)));
    assertThat(backoff.after(2), equalTo(Duration.ofSeconds(20)));
    assertThat(backoff.after(4), equalTo(Duration.ofSeconds(80)));
    assertThat(backoff.after(50), equalTo(Duration.ofMinutes(30)));
  }
}
