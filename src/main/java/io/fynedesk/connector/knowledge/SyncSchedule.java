package io.fynedesk.connector.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * An integration's {@code syncSchedule} as Quartz cron: {@code @hourly}, {@code @daily}, {@code
 * @weekly}, a 5-field Unix cron (converted) or a 6/7-field Quartz cron (kept). A Unix cron that
 * restricts both the day of month and the day of week runs when either matches; Quartz cannot say
 * "either" in one expression, so it becomes two (one per day field), fired by two triggers of the
 * integration's one job.
 */
final class SyncSchedule {

  private static final Map<String, String> MACROS =
      Map.of(
          "@hourly", "0 0 * * * ?",
          "@daily", "0 0 0 * * ?",
          "@weekly", "0 0 0 ? * SUN");

  private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)(?:/(\\d+))?");
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final Pattern UNIX_FIELD = Pattern.compile("[0-9A-Za-z*/,\\-]+");

  private SyncSchedule() {}

  /** The (first) Quartz cron expression of a schedule, or empty when it is not a valid one. */
  static Optional<String> toQuartz(String schedule) {
    return triggers(schedule).map(all -> all.get(0));
  }

  /**
   * The Quartz cron expressions of a schedule (one, or two for a Unix "day of month or day of
   * week"), or empty when it is not a valid schedule.
   */
  static Optional<List<String>> triggers(String schedule) {
    if (schedule == null || schedule.isBlank() || schedule.length() > 200) {
      return Optional.empty();
    }
    String s = schedule.trim();
    String macro = MACROS.get(s.toLowerCase(Locale.ROOT));
    if (macro != null) {
      return Optional.of(List.of(macro));
    }
    String[] f = s.split("\\s+");
    List<String> quartz;
    if (f.length == 5) {
      quartz = fromUnix(f);
    } else if (f.length == 6 || f.length == 7) {
      quartz = List.of(s);
    } else {
      return Optional.empty();
    }
    return quartz != null && quartz.stream().allMatch(CronExpression::isValidExpression)
        ? Optional.of(quartz)
        : Optional.empty();
  }

  /** minute hour day-of-month month day-of-week (Sunday 0 or 7) → Quartz, or null. */
  private static List<String> fromUnix(String[] f) {
    for (String field : f) {
      if (!UNIX_FIELD.matcher(field).matches()) {
        return null;
      }
    }
    if (!inRange(f[0], 0, 59) || !inRange(f[1], 0, 23) || !inRange(f[2], 1, 31)) {
      return null;
    }
    if (!inRange(f[3], 1, 12) || !inRange(f[4], 0, 7)) {
      return null;
    }
    String dom = f[2];
    String dow = f[4].equals("*") ? "?" : weekdays(f[4]);
    if (dow == null) {
      return null;
    }
    String time = "0 " + f[0] + " " + f[1] + " ";
    if (dow.equals("?")) {
      return List.of(time + dom + " " + f[3] + " ?");
    }
    if (dom.equals("*")) {
      return List.of(time + "? " + f[3] + " " + dow);
    }
    // Unix runs when either day field matches: one expression per field.
    return List.of(time + dom + " " + f[3] + " ?", time + "? " + f[3] + " " + dow);
  }

  /** Unix weekday numbers (0–7, Sunday 0 and 7) → Quartz's (1–7, Sunday 1); names kept. */
  private static String weekdays(String field) {
    List<String> out = new ArrayList<>();
    for (String part : field.split(",", -1)) {
      Matcher range = RANGE.matcher(part);
      if (range.matches()) {
        int from = Integer.parseInt(range.group(1));
        int to = Integer.parseInt(range.group(2));
        int step = range.group(3) == null ? 1 : Integer.parseInt(range.group(3));
        if (from > to || step < 1) {
          return null;
        }
        for (int d = from; d <= to; d += step) {
          out.add(String.valueOf(d % 7 + 1));
        }
      } else if (NUMBER.matcher(part).matches()) {
        out.add(String.valueOf(Integer.parseInt(part) % 7 + 1));
      } else if (part.isEmpty() || part.contains("/") || part.contains("*")) {
        return part.matches("\\*/\\d+") ? part.replace("*", "1") : null;
      } else {
        out.add(part.toUpperCase(Locale.ROOT));
      }
    }
    return String.join(",", out.stream().distinct().toList());
  }

  /** Every number in a Unix field lies within its bounds. */
  private static boolean inRange(String field, int min, int max) {
    Matcher m = NUMBER.matcher(field);
    while (m.find()) {
      int start = m.start();
      boolean step = start > 0 && field.charAt(start - 1) == '/';
      long n = m.group().length() > 3 ? Long.MAX_VALUE : Long.parseLong(m.group());
      if (step ? n < 1 : n < min || n > max) {
        return false;
      }
    }
    return true;
  }
}
