package io.fynedesk.connector.inbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On start, on the embedded H2 in file mode (which only one process can open), every inbox claim
 * and ticket-page lease belongs to a process that is gone: take them all back at once, before the
 * inbox is polled, so in-flight work resumes immediately instead of after the claim timeout. On a
 * shared database (PostgreSQL, H2 server) other replicas may be alive: there the heartbeat and the
 * short claim timeout decide.
 */
@Component
class ClaimRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(ClaimRecovery.class);

  ClaimRecovery(DataSource dataSource, InboxRepository inbox, List<WorkLeases> leases)
      throws SQLException {
    String url;
    String product;
    try (Connection c = dataSource.getConnection()) {
      url = String.valueOf(c.getMetaData().getURL());
      product = String.valueOf(c.getMetaData().getDatabaseProductName());
    }
    if (singleProcess(product, url)) {
      int claims = inbox.releaseAllClaims();
      if (claims > 0) {
        LOG.info("Embedded database: took back {} inbox claim(s) of a previous run", claims);
      }
      for (WorkLeases l : leases) {
        int n = l.releaseAllLeases();
        if (n > 0) {
          LOG.info("Embedded database: took back {} {} of a previous run", n, l.describe());
        }
      }
    }
  }

  /** Whether only this process can have the database open: H2 on a file, without auto-server. */
  static boolean singleProcess(String product, String url) {
    String u = url.toLowerCase(Locale.ROOT);
    return product.toLowerCase(Locale.ROOT).contains("h2")
        && u.startsWith("jdbc:h2:file:")
        && !u.contains("auto_server=true");
  }
}
