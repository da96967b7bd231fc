package io.fynedesk.connector.tickets;

import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.stereotype.Component;

/**
 * Camel's JDBC idempotent repository for the hand-off, keyed {@code org:ticket}. The insert decides
 * ({@code ON CONFLICT DO NOTHING}, "added" only when a row was inserted): STACK.md trap 1, where
 * the stock {@code add()} trusts a prior SELECT and races under concurrent deliveries. Flyway owns
 * the table.
 */
@Component("handoffRepository")
public class HandoffRepository extends JdbcMessageIdRepository {

  HandoffRepository(DataSource dataSource) {
    super(dataSource, "ticket-handoff");
    setCreateTableIfNotExists(false);
    setInsertString(
        "INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES (?, ?, ?) "
            + "ON CONFLICT DO NOTHING");
  }

  @Override
  public boolean add(String key) {
    return transactionTemplate.execute(status -> insert(key) == 1);
  }
}
