package dev.switchboard.session.conversation.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import org.junit.jupiter.api.Test;

class HandoverKeywordsTest {

  private final HandoverKeywords keywords =
      HandoverKeywords.of(List.of("Operator", " hablar con una persona ", "?!"));

  @Test
  void aMessageThatIsAKeywordAsksForAPersonIgnoringCaseSpacesAndPunctuation() {
    assertThat(keywords.requestedBy("operator"), equalTo(true));
    assertThat(keywords.requestedBy("  ¡OPERATOR!! "), equalTo(true));
    assertThat(keywords.requestedBy("Operator 🙏"), equalTo(true));
    assertThat(keywords.requestedBy("Hablar con una\n persona."), equalTo(true));
  }

  @Test
  void aKeywordInsideASentenceOrAnotherWordIsNoRequest() {
    assertThat(keywords.requestedBy("I don't want an operator"), equalTo(false));
    assertThat(keywords.requestedBy("operators"), equalTo(false));
    assertThat(keywords.requestedBy("hablar con persona"), equalTo(false));
    assertThat(keywords.requestedBy(null), equalTo(false));
  }

  @Test
  void punctuationAloneAndNoKeywordsMatchNothing() {
    assertThat(keywords.requestedBy("?!"), equalTo(false));
    assertThat(keywords.requestedBy("   "), equalTo(false));
    assertThat(HandoverKeywords.of(List.of()).requestedBy("operator"), equalTo(false));
  }
}
