package io.fynedesk.connector.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyncScheduleTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "@hourly|0 0 * * * ?",
        "@daily|0 0 0 * * ?",
        "@weekly|0 0 0 ? * SUN",
        "*/15 * * * *|0 */15 * * * ?",
        "30 2 1 * *|0 30 2 1 * ?",
        "0 3 * * 1-5|0 0 3 ? * 2,3,4,5,6",
        "0 9 * * 0|0 0 9 ? * 1",
        "0 9 * * 7|0 0 9 ? * 1",
        "0 9 * * MON,FRI|0 0 9 ? * MON,FRI",
        "0 0 12 * * ?|0 0 12 * * ?",
        "0 15 10 ? * MON-FRI 2027|0 15 10 ? * MON-FRI 2027"
      })
  void schedulesBecomeQuartzCron(String schedule, String quartz) {
    assertThat(SyncSchedule.toQuartz(schedule)).contains(quartz);
  }

  @Test
  void bothDayFieldsRunWhenEitherMatchesAsUnixDoes() {
    assertThat(SyncSchedule.triggers("0 0 1 * 1")).contains(List.of("0 0 0 1 * ?", "0 0 0 ? * 2"));
    assertThat(SyncSchedule.triggers("30 6 1,15 * MON-FRI"))
        .contains(List.of("0 30 6 1,15 * ?", "0 30 6 ? * MON-FRI"));
    assertThat(SyncSchedule.toQuartz("0 0 1 * 1")).contains("0 0 0 1 * ?");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "@yearly",
        "* * * *",
        "60 * * * *",
        "* 24 * * *",
        "* * 0 * *",
        "* * * 13 *",
        "* * * * 8",
        "0 0 0 * * *",
        "a b c d e",
        "0 0 0 ? * * * *",
        "*/0 * * * *"
      })
  void invalidSchedulesAreRefused(String schedule) {
    assertThat(SyncSchedule.toQuartz(schedule)).isEmpty();
  }
}
