package dev.switchboard.session.conversation.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.events.common.ClientIdentity;
import org.junit.jupiter.api.Test;

class ClientDetailsTest {

  private static ClientIdentity who(String userId, String displayName, String phone) {
    return new ClientIdentity(userId, displayName, null, null, null, null, null, phone, null);
  }

  @Test
  void aDetailTheConnectorLeavesOutOrSendsBlankIsKeptAndTheUserIdIsAlwaysTheNewOne() {
    ClientIdentity merged = ClientDetails.merge(who("u1", "Ana", "+34 600"), who("u2", " ", null));

    assertThat(merged.externalUserId(), equalTo("u2"));
    assertThat(merged.displayName(), equalTo("Ana"));
    assertThat(merged.phone(), equalTo("+34 600"));
  }

  @Test
  void aNewChatTakesWhatTheConnectorSaysWithoutItsBlankDetails() {
    ClientIdentity merged = ClientDetails.merge(null, who("u1", "", "+34 600"));

    assertThat(merged.displayName(), nullValue());
    assertThat(merged.phone(), equalTo("+34 600"));
  }
}
