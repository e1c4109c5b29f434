package dev.switchboard.session.lifecycle.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ClientAnswersTest {

  @Test
  void aRatingButtonGivesItsScore() {
    assertEquals(OptionalInt.of(5), ClientAnswers.rating("Excellent", "rating:5"));
    assertEquals(OptionalInt.of(1), ClientAnswers.rating(null, ClientAnswers.ratingValue(1)));
    assertEquals(OptionalInt.empty(), ClientAnswers.rating("x", "rating:6"));
    assertEquals(OptionalInt.empty(), ClientAnswers.rating("x", "rating:"));
  }

  @Test
  void aTypedRatingIsOneDigitFromOneToFiveOrStars() {
    assertEquals(OptionalInt.of(4), ClientAnswers.rating("4", null));
    assertEquals(OptionalInt.of(5), ClientAnswers.rating(" 5! ", null));
    assertEquals(OptionalInt.of(3), ClientAnswers.rating("I give 3", null));
    assertEquals(OptionalInt.of(3), ClientAnswers.rating("\u2B50\u2B50\u2B50", null));
    assertEquals(OptionalInt.of(2), ClientAnswers.rating("\u2605\u2605", null));
  }

  @Test
  void anythingElseIsAnOrdinaryMessage() {
    assertEquals(OptionalInt.empty(), ClientAnswers.rating("0", null));
    assertEquals(OptionalInt.empty(), ClientAnswers.rating("6", null));
    assertEquals(OptionalInt.empty(), ClientAnswers.rating("10", null));
    assertEquals(OptionalInt.empty(), ClientAnswers.rating("my order 12345 is late", null));
    assertEquals(OptionalInt.empty(), ClientAnswers.rating("one more question", null));
    assertEquals(OptionalInt.empty(), ClientAnswers.rating("\u2B50 but why?", null));
    assertEquals(OptionalInt.empty(), ClientAnswers.rating("", null));
    assertEquals(OptionalInt.empty(), ClientAnswers.rating(null, "consent:accept"));
  }

  @Test
  void consentButtonsAndTypedAnswersInTheFourLanguages() {
    assertEquals(Optional.of(true), ClientAnswers.consent("Accept", "consent:accept"));
    assertEquals(Optional.of(false), ClientAnswers.consent("Decline", "consent:decline"));
    assertEquals(Optional.of(true), ClientAnswers.consent("Yes!", null));
    assertEquals(Optional.of(true), ClientAnswers.consent("Sí", null));
    assertEquals(Optional.of(true), ClientAnswers.consent("Да", null));
    assertEquals(Optional.of(true), ClientAnswers.consent("Einverstanden.", null));
    assertEquals(Optional.of(false), ClientAnswers.consent("no", null));
    assertEquals(Optional.of(false), ClientAnswers.consent("НЕТ", null));
    assertEquals(Optional.of(false), ClientAnswers.consent("Nein", null));
  }

  @Test
  void aMessageThatAnswersNeitherWayLeavesTheNoticeWaiting() {
    assertEquals(Optional.empty(), ClientAnswers.consent("what data do you keep?", null));
    assertEquals(Optional.empty(), ClientAnswers.consent("yes, but first tell me", null));
    assertEquals(Optional.empty(), ClientAnswers.consent(null, null));
  }
}
