package dev.switchboard.config.shared;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.config.shared.api.StaleVersionException;
import dev.switchboard.platform.runtime.api.ProblemException;
import org.junit.jupiter.api.Test;

class IfMatchTest {

  @Test
  void withoutTheHeaderAnyVersionIsAccepted() {
    assertThat(IfMatch.parse(null).present(), is(false));
    assertThat(IfMatch.parse(null).require(7), equalTo(7L));
  }

  @Test
  void theCurrentVersionOrAStarMatches() {
    assertThat(IfMatch.parse("\"7\"").require(7), equalTo(7L));
    assertThat(IfMatch.parse("\"6\", \"7\"").require(7), equalTo(7L));
    assertThat(IfMatch.parse("*").require(7), equalTo(7L));
  }

  @Test
  void anOlderVersionIsStaleAndNamesTheCurrentOne() {
    StaleVersionException stale =
        assertThrows(StaleVersionException.class, () -> IfMatch.parse("\"6\"").require(7));
    assertThat(stale.currentVersion(), equalTo(7L));
  }

  @Test
  void aWeakTagNeverMatches() {
    assertThrows(StaleVersionException.class, () -> IfMatch.parse("W/\"7\"").require(7));
  }

  @Test
  void somethingThatIsNotAnEtagIsABadRequest() {
    ProblemException bad = assertThrows(ProblemException.class, () -> IfMatch.parse("7"));
    assertThat(bad.problem().errors().get(0).field(), equalTo("If-Match"));
    assertThrows(ProblemException.class, () -> IfMatch.parse("\"seven\""));
  }
}
