package io.fynedesk.connector.notion;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Notion budget and circuits of this replica: on PostgreSQL the budget is shared by every
 * replica ({@link SharedNotionBudget}); on H2, which serves one process, it stays in memory.
 */
@Configuration(proxyBeanMethods = false)
class NotionBudgetConfig {

  private static final Logger LOG = LoggerFactory.getLogger(NotionBudgetConfig.class);

  @Bean
  NotionRateBudget notionRateBudget(NotionProperties properties, DataSource dataSource)
      throws SQLException {
    double rate = properties.rateLimit().requestsPerSecond();
    if (postgres(dataSource)) {
      LOG.info("Notion budget: {} requests/s per connection, shared in PostgreSQL", rate);
      return SharedNotionBudget.create(dataSource, rate);
    }
    LOG.info("Notion budget: {} requests/s per connection, in memory", rate);
    return new NotionRateBudget(rate);
  }

  @Bean(NotionCircuits.BEAN)
  NotionCircuits notionCircuits(NotionCircuitProperties properties) {
    return new NotionCircuits(properties);
  }

  private static boolean postgres(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData()
          .getDatabaseProductName()
          .toLowerCase(Locale.ROOT)
          .contains("postgresql");
    }
  }
}
