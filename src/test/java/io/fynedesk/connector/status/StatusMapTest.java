package io.fynedesk.connector.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.status.StatusMap.Target;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusMapTest {

  final StatusMap map =
      new StatusMap(
          Map.of(
              "Done",
              "solved",
              "opt-42",
              "action:reopen",
              "Waiting",
              "pending",
              "Broken",
              "not-a-status",
              "Escalate",
              "action:escalate"));

  @Test
  void optionIdWinsOverName() {
    assertThat(map.resolve("opt-42", "Done")).contains(new Target(null, "reopen"));
  }

  @Test
  void nameMatchesExactlyThenIgnoringCase() {
    assertThat(map.resolve("other-id", "Done")).contains(new Target("solved", null));
    assertThat(map.resolve(null, "waiting")).contains(new Target("pending", null));
  }

  @Test
  void unknownOptionsAndInvalidTargetsGiveNothing() {
    assertThat(map.resolve("x", "In progress")).isEmpty();
    assertThat(map.resolve(null, "Broken")).isEmpty();
    assertThat(map.resolve(null, null)).isEmpty();
  }

  @Test
  void aTicketAlreadyThereNeedsNoWrite() {
    assertThat(new Target("solved", null).reachedBy("solved")).isTrue();
    assertThat(new Target("solved", null).reachedBy("open")).isFalse();
    assertThat(new Target(null, "reopen").reachedBy("open")).isTrue();
    assertThat(new Target(null, "reopen").reachedBy("solved")).isFalse();
    assertThat(new Target(null, "close").reachedBy("closed")).isTrue();
    assertThat(new Target(null, "escalate").reachedBy("open")).isFalse();
  }

  @Test
  void targetsReadAsTheyAreWritten() {
    assertThat(Target.parse("action:close")).map(Target::toString).contains("action:close");
    assertThat(Target.parse("on_hold")).map(Target::toString).contains("on_hold");
    assertThat(Target.parse("action:delete")).isEmpty();
  }
}
