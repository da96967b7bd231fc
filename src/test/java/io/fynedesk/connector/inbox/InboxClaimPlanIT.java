package io.fynedesk.connector.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.AbstractConnectorIT;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The claim's reads take the oldest claimable events straight from the status index, in its order,
 * and stop at the limit, however long the backlog: no sort of every pending row on each poll (which
 * H2 did while the query ordered by less than the index, and which made a claim cost grow with the
 * backlog).
 */
class InboxClaimPlanIT extends AbstractConnectorIT {

  @Autowired NamedParameterJdbcTemplate named;

  @Autowired JdbcTemplate jdbc;

  @Autowired TransactionTemplate tx;

  @ParameterizedTest
  @ValueSource(strings = {"pending", "expired"})
  void claimReadsTheStatusIndexInOrderWithoutSorting(String which) {
    String sql =
        "pending".equals(which)
            ? InboxRepository.CLAIMABLE_PENDING
            : InboxRepository.CLAIMABLE_EXPIRED;
    MapSqlParameterSource p =
        new MapSqlParameterSource("now", OffsetDateTime.now(ZoneOffset.UTC)).addValue("limit", 8);
    String plan;
    if (onPostgres()) {
      // A test table is small, so PostgreSQL would scan it whole; the question is whether the index
      // gives the order.
      plan =
          tx.execute(
              s -> {
                jdbc.execute("SET LOCAL enable_seqscan = off");
                return String.join("\n", named.queryForList("EXPLAIN " + sql, p, String.class));
              });
      assertThat(plan).contains("ix_inbox_event_status").doesNotContain("Sort");
    } else {
      List<String> rows = named.queryForList("EXPLAIN " + sql, p, String.class);
      plan = String.join("\n", rows);
      assertThat(plan).containsIgnoringCase("ix_inbox_event_status").contains("index sorted");
    }
  }
}
